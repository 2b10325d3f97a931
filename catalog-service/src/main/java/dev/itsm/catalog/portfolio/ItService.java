package dev.itsm.catalog.portfolio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.itsm.catalog.events.ServiceCreated;
import dev.itsm.catalog.events.ServiceStatusChanged;
import dev.itsm.catalog.events.ServiceUpdated;
import dev.itsm.platform.events.DomainEvent;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.ValidationException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A service of the portfolio (ITIL 4: a means of enabling value co-creation). Named {@code ItService}
 * so it does not read like a CDI service bean. Guards its lifecycle PIPELINE → LIVE → RETIRED and
 * returns the events each change causes.
 */
@Entity
@Table(name = "service")
public class ItService extends PanacheEntityBase {

    @Id
    private UUID id;

    @Column(name = "service_key", nullable = false, unique = true)
    private String serviceKey;

    @Column(nullable = false)
    private String name;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ServiceType type;

    @Column(nullable = false)
    private String owner;

    private String utility;

    @Embedded
    private Warranty warranty;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ServiceStatus status;

    @ElementCollection
    @CollectionTable(name = "service_dependency", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "depends_on_id")
    private Set<UUID> dependsOn = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ItService() {
    }

    /** The editable facts of a service, as the service layer hands them over (already validated). */
    public record Facts(String name, String description, ServiceType type, String owner, String utility,
            Warranty warranty, Collection<UUID> dependsOn) {
    }

    /** A new service in the pipeline. */
    public static ItService plan(UUID id, String key, Facts facts, Instant now) {
        ItService s = new ItService();
        s.id = id;
        s.serviceKey = key;
        s.status = ServiceStatus.PIPELINE;
        s.createdAt = now;
        s.apply(facts, now);
        return s;
    }

    /** The event announcing this new service (call after it got its id). */
    public List<DomainEvent> created(Instant now) {
        return List.of(ServiceCreated.of(this, now));
    }

    /** Edits the facts; a retired service is frozen. */
    public List<DomainEvent> update(Facts facts, Instant now) {
        if (status == ServiceStatus.RETIRED) {
            throw new IllegalTransitionException("service", status, "update", status.allowedCommands());
        }
        apply(facts, now);
        return List.of(ServiceUpdated.of(this, now));
    }

    /** PIPELINE → LIVE: the service enters the catalogue and accepts incidents. */
    public List<DomainEvent> goLive(Instant now) {
        return transition(ServiceStatus.GO_LIVE, ServiceStatus.LIVE, now);
    }

    /**
     * PIPELINE|LIVE → RETIRED. The caller checks first that no offering or product still uses it
     * (that needs other aggregates).
     */
    public List<DomainEvent> retire(Instant now) {
        return transition(ServiceStatus.RETIRE, ServiceStatus.RETIRED, now);
    }

    /** Throws 409 unless {@code command} is allowed now. */
    public void requireAllowed(String command) {
        if (!status.allows(command)) {
            throw new IllegalTransitionException("service", status, command, status.allowedCommands());
        }
    }

    private List<DomainEvent> transition(String command, ServiceStatus target, Instant now) {
        requireAllowed(command);
        ServiceStatus previous = status;
        status = target;
        updatedAt = now;
        return List.of(ServiceStatusChanged.of(this, previous, now));
    }

    private void apply(Facts facts, Instant now) {
        this.name = facts.name();
        this.description = facts.description();
        this.type = facts.type();
        this.owner = facts.owner();
        this.utility = facts.utility();
        this.warranty = facts.warranty();
        Set<UUID> wanted = new LinkedHashSet<>(facts.dependsOn() == null ? List.of() : facts.dependsOn());
        if (wanted.contains(id)) {
            throw new ValidationException("dependsOn", "a service cannot depend on itself");
        }
        if (!wanted.equals(dependsOn)) {
            dependsOn.retainAll(wanted);
            dependsOn.addAll(wanted);
        }
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String key() {
        return serviceKey;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public ServiceType type() {
        return type;
    }

    public String owner() {
        return owner;
    }

    public String utility() {
        return utility;
    }

    public Warranty warranty() {
        return warranty;
    }

    public ServiceStatus status() {
        return status;
    }

    /** Ids of the services this one depends on, sorted for stable output. */
    public List<UUID> dependsOn() {
        List<UUID> list = new ArrayList<>(dependsOn);
        list.sort(null);
        return list;
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
