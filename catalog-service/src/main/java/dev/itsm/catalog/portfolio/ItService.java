package dev.itsm.catalog.portfolio;

import static dev.itsm.catalog.portfolio.ServiceCommand.GO_LIVE;
import static dev.itsm.catalog.portfolio.ServiceCommand.RETIRE;
import static dev.itsm.catalog.portfolio.ServiceCommand.UPDATE;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.itsm.catalog.events.ServiceEvent;
import dev.itsm.catalog.events.ServiceEvent.ServiceCreated;
import dev.itsm.catalog.events.ServiceEvent.ServiceStatusChanged;
import dev.itsm.catalog.events.ServiceEvent.ServiceUpdated;
import dev.itsm.catalog.events.ServiceFacts;
import dev.itsm.catalog.events.WarrantyFacts;
import dev.itsm.catalog.support.ChangedFields;
import dev.itsm.catalog.support.VersionedAggregate;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/**
 * A service of the portfolio (ITIL 4: a means of enabling value co-creation). Named {@code ItService}
 * so it does not read like a CDI service bean. Guards its lifecycle ({@link ServiceStatus}) and
 * returns the events each change causes.
 */
@Entity
@Table(name = "service")
public class ItService extends VersionedAggregate {

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

    protected ItService() {
    }

    /** The editable facts of a service, as the service layer hands them over (already validated). */
    public record Facts(String name, String description, ServiceType type, String owner, String utility,
            Warranty warranty, Collection<UUID> dependsOn) {
    }

    /** A new service in the pipeline. */
    public static ItService plan(UUID id, String key, Facts facts, Instant now) {
        ItService s = new ItService();
        s.begin(id, now);
        s.serviceKey = key;
        s.status = ServiceStatus.PIPELINE;
        s.assign(facts, now);
        return s;
    }

    /** The event announcing this new service. */
    public List<ServiceEvent> created(Instant now) {
        return List.of(new ServiceCreated(facts(now)));
    }

    /** Edits the facts; a retired service is frozen. The event names the fields that changed. */
    public List<ServiceEvent> update(Facts facts, Instant now) {
        requireAllowed(UPDATE);
        List<String> changed = new ChangedFields()
                .compare("name", name, facts.name())
                .compare("description", description, facts.description())
                .compare("type", type, facts.type())
                .compare("owner", owner, facts.owner())
                .compare("utility", utility, facts.utility())
                .compare("warranty", members(warranty), members(facts.warranty()))
                .compare("dependsOn", dependsOn(), sortedDistinct(facts.dependsOn()))
                .names();
        assign(facts, now);
        return List.of(new ServiceUpdated(facts(now), changed));
    }

    /** A warranty as the list of its members, so an absent warranty and an empty one compare alike. */
    private static List<Object> members(Warranty w) {
        return w == null ? Arrays.asList(null, null, null, null)
                : Arrays.asList(w.availabilityTarget(), w.capacityNote(), w.securityClassification(), w.supportHours());
    }

    /** PIPELINE → LIVE: the service enters the catalogue and accepts incidents. */
    public List<ServiceEvent> goLive(Instant now) {
        return move(GO_LIVE, ServiceStatus.LIVE, now);
    }

    /**
     * PIPELINE|LIVE → RETIRED. The caller checks first that no offering or product still uses it
     * (that needs other aggregates).
     */
    public List<ServiceEvent> retire(Instant now) {
        return move(RETIRE, ServiceStatus.RETIRED, now);
    }

    /** Throws 409 unless {@code command} is allowed in the current status. */
    public void requireAllowed(ServiceCommand command) {
        if (!status.allows(command)) {
            throw new IllegalTransitionException("service", status, command.wireName(), status.allowedCommands());
        }
    }

    private List<ServiceEvent> move(ServiceCommand command, ServiceStatus target, Instant now) {
        requireAllowed(command);
        ServiceStatus previous = status;
        status = target;
        touch(now);
        return List.of(new ServiceStatusChanged(facts(now), previous, previous));
    }

    private void assign(Facts facts, Instant now) {
        if (facts.dependsOn() != null && facts.dependsOn().contains(id())) {
            throw new ValidationException("dependsOn", "a service cannot depend on itself");
        }
        this.name = facts.name();
        this.description = facts.description();
        this.type = facts.type();
        this.owner = facts.owner();
        this.utility = facts.utility();
        this.warranty = facts.warranty();
        replaceIds(dependsOn, facts.dependsOn());
        touch(now);
    }

    private ServiceFacts facts(Instant occurredAt) {
        return new ServiceFacts(id(), serviceKey, name, description, type, owner, utility, WarrantyFacts.of(warranty),
                status, status, dependsOn(), occurredAt);
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
        return sorted(dependsOn);
    }
}
