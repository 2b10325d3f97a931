package dev.itsm.catalog.offering;

import static dev.itsm.catalog.offering.OfferingCommand.PUBLISH;
import static dev.itsm.catalog.offering.OfferingCommand.UPDATE;
import static dev.itsm.catalog.offering.OfferingCommand.WITHDRAW;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.catalog.events.ComponentFacts;
import dev.itsm.catalog.events.CostFacts;
import dev.itsm.catalog.events.OfferingEvent;
import dev.itsm.catalog.events.OfferingEvent.OfferingChanged;
import dev.itsm.catalog.events.OfferingEvent.OfferingPublished;
import dev.itsm.catalog.events.OfferingEvent.OfferingWithdrawn;
import dev.itsm.catalog.events.OfferingFacts;
import dev.itsm.catalog.support.ChangedFields;
import dev.itsm.catalog.support.VersionedAggregate;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.UnprocessableException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * ITIL 4 service offering: a description of one or more services for a target consumer group,
 * made of goods, access to resources and service actions. Lifecycle: {@link OfferingStatus}.
 */
@Entity
@Table(name = "offering")
public class Offering extends VersionedAggregate {

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

    @Embedded
    private Cost cost;

    /** The request form as the client wrote it (key order kept: it is the order the requester is asked in). */
    @Column(name = "request_form")
    private String requestForm;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    protected Offering() {
    }

    /** Trees only (no dates): the request form's text and back. */
    private static final ObjectMapper FORM_JSON = new ObjectMapper();

    /** The editable facts of an offering; {@code cost} and {@code requestForm} may be null. */
    public record Facts(String name, String description, String targetConsumerGroup, Collection<UUID> serviceIds,
            List<OfferingComponent> components, Cost cost, JsonNode requestForm) {

        public Facts(String name, String description, String targetConsumerGroup, Collection<UUID> serviceIds,
                List<OfferingComponent> components) {
            this(name, description, targetConsumerGroup, serviceIds, components, null, null);
        }
    }

    public static Offering draft(UUID id, Facts facts, Instant now) {
        checkComponents(facts.components());
        Offering o = new Offering();
        o.begin(id, now);
        o.status = OfferingStatus.DRAFT;
        o.assign(facts, now);
        return o;
    }

    public List<OfferingEvent> drafted(Instant now) {
        return List.of(new OfferingChanged(facts(now), List.of()));
    }

    /**
     * Edits a draft or a published offering; a withdrawn one is final. A published offering stays
     * published, so its services must all be LIVE ({@code allServicesLive}, checked by the caller).
     */
    public List<OfferingEvent> update(Facts facts, boolean allServicesLive, Instant now) {
        require(UPDATE);
        checkComponents(facts.components());
        if (status == OfferingStatus.PUBLISHED) {
            if (!allServicesLive) {
                throw notLive();
            }
            // what is in the catalogue can be ordered: its form keeps the publication rules
            checkForm(facts.requestForm(), facts.components());
        }
        List<String> changed = new ChangedFields()
                .compare("name", name, facts.name())
                .compare("description", description, facts.description())
                .compare("targetConsumerGroup", targetConsumerGroup, facts.targetConsumerGroup())
                .compare("serviceIds", serviceIds(), sortedDistinct(facts.serviceIds()))
                .compare("components", components, facts.components() == null ? List.of() : facts.components())
                .compare("cost", cost, facts.cost())
                .compare("requestForm", requestForm(), facts.requestForm())
                .names();
        assign(facts, now);
        if (status == OfferingStatus.PUBLISHED) {
            // consumers of the published catalogue see the new content as a re-publication
            return List.of(new OfferingChanged(facts(now), changed), new OfferingPublished(facts(now)));
        }
        return List.of(new OfferingChanged(facts(now), changed));
    }

    /**
     * DRAFT → PUBLISHED. The offering must cover at least one service and describe at least one
     * component; {@code allServicesLive} is checked by the caller, who can see the services.
     */
    public List<OfferingEvent> publish(boolean allServicesLive, Instant now) {
        require(PUBLISH);
        if (serviceIds.isEmpty() || components.isEmpty()) {
            throw new UnprocessableException("offering-incomplete", "Offering incomplete",
                    "An offering needs at least one service and one component before it can be published");
        }
        if (!allServicesLive) {
            throw notLive();
        }
        checkForm(requestForm(), components);
        status = OfferingStatus.PUBLISHED;
        publishedAt = now;
        touch(now);
        return List.of(new OfferingPublished(facts(now)));
    }

    /** DRAFT|PUBLISHED → WITHDRAWN. */
    public List<OfferingEvent> withdraw(Instant now) {
        require(WITHDRAW);
        status = OfferingStatus.WITHDRAWN;
        withdrawnAt = now;
        touch(now);
        return List.of(new OfferingWithdrawn(facts(now)));
    }

    private static UnprocessableException notLive() {
        return new UnprocessableException("service-not-live", "Service not live",
                "Every service of a published offering must be LIVE");
    }

    /**
     * Every write: component keys unique within the offering, an access period only on access to
     * resources (422 invalid-components, each error naming the component).
     */
    static void checkComponents(List<OfferingComponent> parts) {
        if (parts == null) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            OfferingComponent c = parts.get(i);
            if (!keys.add(c.key())) {
                errors.add(new Problem.FieldError("components[" + i + "].key", "'" + c.key() + "' is used by another component"));
            }
            if (c.accessPeriod() != null && c.kind() != ComponentKind.ACCESS_TO_RESOURCES) {
                errors.add(new Problem.FieldError("components[" + i + "].accessPeriod",
                        "only access to resources (ACCESS_TO_RESOURCES) lasts for a period; a " + c.kind() + " has none"));
            } else if (c.accessPeriod() != null && !positiveDuration(c.accessPeriod())) {
                errors.add(new Problem.FieldError("components[" + i + "].accessPeriod",
                        "must be a positive ISO-8601 duration in days, hours or minutes, e.g. P90D or PT12H"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-components", "Invalid components",
                    errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " components are invalid",
                    errors, Map.of());
        }
    }

    private static boolean positiveDuration(String text) {
        try {
            Duration d = Duration.parse(text);
            return !d.isNegative() && !d.isZero();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A published offering's form (none is the empty form) keeps {@link RequestForms}' rules. */
    private static void checkForm(JsonNode form, List<OfferingComponent> parts) {
        if (form != null) {
            RequestForms.require(form, parts.stream().map(OfferingComponent::key).collect(Collectors.toCollection(LinkedHashSet::new)));
        }
    }

    private void require(OfferingCommand command) {
        if (!status.allows(command)) {
            throw new IllegalTransitionException("offering", status, command.wireName(), status.allowedCommands());
        }
    }

    private void assign(Facts facts, Instant now) {
        this.name = facts.name();
        this.description = facts.description();
        this.targetConsumerGroup = facts.targetConsumerGroup();
        replaceIds(serviceIds, facts.serviceIds());
        this.cost = facts.cost();
        this.requestForm = facts.requestForm() == null ? null : facts.requestForm().toString();
        List<OfferingComponent> parts = facts.components() == null ? List.of() : facts.components();
        if (!parts.equals(components)) {
            components.clear();
            components.addAll(parts);
        }
        touch(now);
    }

    private OfferingFacts facts(Instant occurredAt) {
        return new OfferingFacts(id(), name, description, targetConsumerGroup, status, status, serviceIds(),
                ComponentFacts.of(components), CostFacts.of(cost), requestForm(), publishedAt, withdrawnAt, occurredAt);
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
        return sorted(serviceIds);
    }

    public List<OfferingComponent> components() {
        return List.copyOf(components);
    }

    /** Null when the offering costs nothing. */
    public Cost cost() {
        return cost;
    }

    /** The request form as a fresh tree, or null when the offering has none. */
    public JsonNode requestForm() {
        if (requestForm == null) {
            return null;
        }
        try {
            return FORM_JSON.readTree(requestForm);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request form of offering " + id() + " is not JSON", e);
        }
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }
}
