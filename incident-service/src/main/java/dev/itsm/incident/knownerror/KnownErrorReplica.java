package dev.itsm.incident.knownerror;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Replica of a known error of problem management, fed by {@code KnownErrorPublished} (ACTIVE, a
 * revision replaces the workaround) and {@code KnownErrorRetired} (RETIRED) on {@code itsm.problem.events}.
 * Only ACTIVE ones match incidents ({@link KnownErrorMatcher}).
 */
@Entity
@Table(name = "known_error_replica")
public class KnownErrorReplica extends PanacheEntityBase {

    /** ACTIVE while its problem is open; RETIRED when the problem closed or was canceled. */
    public enum Status {
        ACTIVE, RETIRED
    }

    @Id
    private UUID id;
    private String number;
    @Column(name = "problem_id")
    private UUID problemId;
    @Column(name = "problem_number")
    private String problemNumber;
    private String title;
    private String workaround;
    @Column(name = "service_ids")
    private UUID[] serviceIds = new UUID[0];
    @Column(name = "ci_ids")
    private UUID[] ciIds = new UUID[0];
    @Enumerated(EnumType.STRING)
    private Status status;
    private int revision;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected KnownErrorReplica() {
        // for JPA
    }

    /** The replica of a known error, or a new, empty one. */
    public static KnownErrorReplica replicaOf(UUID id) {
        KnownErrorReplica ke = findById(id);
        if (ke == null) {
            ke = new KnownErrorReplica();
            ke.id = id;
        }
        return ke;
    }

    /**
     * Takes the facts of an event that happened at {@code at} with the given status; false (and no
     * change) when the replica already holds a newer event, so out-of-order copies cannot roll it back.
     */
    public boolean replicate(KnownErrorFacts facts, Status newStatus, Instant at) {
        if (occurredAt != null && occurredAt.isAfter(at)) {
            return false;
        }
        number = facts.number();
        problemId = facts.problemId();
        problemNumber = facts.problemNumber();
        title = facts.title();
        workaround = facts.workaround();
        serviceIds = facts.serviceIds().toArray(UUID[]::new);
        ciIds = facts.ciIds().toArray(UUID[]::new);
        status = newStatus;
        revision = facts.revision();
        occurredAt = at;
        return true;
    }

    public boolean matchesCi(UUID ciId) {
        return ciId != null && Arrays.asList(ciIds).contains(ciId);
    }

    public boolean matchesService(UUID serviceId) {
        return serviceId != null && Arrays.asList(serviceIds).contains(serviceId);
    }

    public UUID id() { return id; }
    public String number() { return number; }
    public UUID problemId() { return problemId; }
    public String problemNumber() { return problemNumber; }
    public String title() { return title; }
    public String workaround() { return workaround; }
    public List<UUID> serviceIds() { return List.of(serviceIds); }
    public List<UUID> ciIds() { return List.of(ciIds); }
    public Status status() { return status; }
    public int revision() { return revision; }
    public Instant occurredAt() { return occurredAt; }
}
