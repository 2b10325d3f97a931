package dev.itsm.catalog.offering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.itsm.catalog.events.OfferingChanged;
import dev.itsm.catalog.events.OfferingPublished;
import dev.itsm.catalog.events.OfferingWithdrawn;
import dev.itsm.platform.events.DomainEvent;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.UnprocessableException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * ITIL 4 service offering: a description of one or more services for a target consumer group,
 * made of goods, access to resources and service actions. DRAFT → PUBLISHED → WITHDRAWN.
 */
@Entity
@Table(name = "offering")
public class Offering extends PanacheEntityBase {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(name = "target_consumer_group", nullable = false)
    private String targetConsumerGroup;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OfferingStatus status;

    @ElementCollection
    @CollectionTable(name = "offering_service", joinColumns = @JoinColumn(name = "offering_id"))
    @Column(name = "service_id")
    private Set<UUID> serviceIds = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "offering_component", joinColumns = @JoinColumn(name = "offering_id"))
    @OrderColumn(name = "position")
    private List<OfferingComponent> components = new ArrayList<>();

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Offering() {
    }

    /** The editable facts of an offering. */
    public record Facts(String name, String description, String targetConsumerGroup, Collection<UUID> serviceIds,
            List<OfferingComponent> components) {
    }

    public static Offering draft(UUID id, Facts facts, Instant now) {
        Offering o = new Offering();
        o.id = id;
        o.status = OfferingStatus.DRAFT;
        o.createdAt = now;
        o.apply(facts, now);
        return o;
    }

    public List<DomainEvent> drafted(Instant now) {
        return List.of(OfferingChanged.of(this, now));
    }

    /** Edits a draft or a published offering; a withdrawn one is final. */
    public List<DomainEvent> update(Facts facts, Instant now) {
        require(OfferingStatus.UPDATE);
        apply(facts, now);
        if (status == OfferingStatus.PUBLISHED) {
            // consumers of the published catalogue see the new content as a re-publication
            return List.of(OfferingChanged.of(this, now), OfferingPublished.of(this, now));
        }
        return List.of(OfferingChanged.of(this, now));
    }

    /**
     * DRAFT → PUBLISHED. The offering must cover at least one service and describe at least one
     * component; {@code allServicesLive} is checked by the caller, who can see the services.
     */
    public List<DomainEvent> publish(boolean allServicesLive, Instant now) {
        require(OfferingStatus.PUBLISH);
        if (serviceIds.isEmpty() || components.isEmpty()) {
            throw new UnprocessableException("offering-incomplete", "Offering incomplete",
                    "An offering needs at least one service and one component before it can be published");
        }
        if (!allServicesLive) {
            throw new UnprocessableException("service-not-live", "Service not live",
                    "Every service of a published offering must be LIVE");
        }
        status = OfferingStatus.PUBLISHED;
        publishedAt = now;
        updatedAt = now;
        return List.of(OfferingPublished.of(this, now));
    }

    /** DRAFT|PUBLISHED → WITHDRAWN. */
    public List<DomainEvent> withdraw(Instant now) {
        require(OfferingStatus.WITHDRAW);
        status = OfferingStatus.WITHDRAWN;
        withdrawnAt = now;
        updatedAt = now;
        return List.of(OfferingWithdrawn.of(this, now));
    }

    private void require(String command) {
        if (!status.allows(command)) {
            throw new IllegalTransitionException("offering", status, command,
                    status.allowedCommands().stream().filter(c -> !c.equals(OfferingStatus.UPDATE)).toList());
        }
    }

    private void apply(Facts facts, Instant now) {
        this.name = facts.name();
        this.description = facts.description();
        this.targetConsumerGroup = facts.targetConsumerGroup();
        Set<UUID> wanted = new LinkedHashSet<>(facts.serviceIds() == null ? List.of() : facts.serviceIds());
        if (!wanted.equals(serviceIds)) {
            serviceIds.retainAll(wanted);
            serviceIds.addAll(wanted);
        }
        List<OfferingComponent> parts = facts.components() == null ? List.of() : facts.components();
        if (!parts.equals(components)) {
            components.clear();
            components.addAll(parts);
        }
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String targetConsumerGroup() {
        return targetConsumerGroup;
    }

    public OfferingStatus status() {
        return status;
    }

    public List<UUID> serviceIds() {
        List<UUID> list = new ArrayList<>(serviceIds);
        list.sort(null);
        return list;
    }

    public List<OfferingComponent> components() {
        return List.copyOf(components);
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
