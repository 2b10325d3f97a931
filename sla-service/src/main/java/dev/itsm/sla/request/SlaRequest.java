package dev.itsm.sla.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The latest facts this service has seen about a service request (read model of itsm.request.events). */
@Entity
@Table(name = "sla_request")
public class SlaRequest extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    private UUID requestId;
    private String number;
    @Column(name = "offering_id")
    private UUID offeringId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_ids", nullable = false, columnDefinition = "jsonb")
    private List<UUID> serviceIds = new ArrayList<>();
    private String state;
    @Column(name = "awaiting_requester", nullable = false)
    private boolean awaitingRequester;
    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;
    @Column(name = "last_event_at", nullable = false)
    private Instant lastEventAt;
    /** The request's own version as its last applied event carried it (null if none did). */
    @Column(name = "request_version")
    private Long requestVersion;
    @Version
    private long version;

    protected SlaRequest() {
        // for JPA
    }

    /** The first event seen about a request, whatever its type. */
    public static SlaRequest firstSeen(RequestFacts f) {
        SlaRequest r = new SlaRequest();
        r.requestId = f.requestId();
        r.submittedAt = f.submittedAt();
        r.lastEventAt = f.occurredAt();
        r.remember(f);
        return r;
    }

    /**
     * Whether {@code f} is older than what was already applied: it happened before the last event, or it carries
     * a lower request version (several events of one transaction share their occurredAt; the version still orders them).
     */
    public boolean isStale(RequestFacts f) {
        return f.occurredAt().isBefore(lastEventAt)
                || (f.version() != null && requestVersion != null && f.version() < requestVersion);
    }

    /** Takes the facts of a later event (a field the event does not carry keeps its value). */
    public void apply(RequestFacts f) {
        lastEventAt = f.occurredAt();
        remember(f);
    }

    private void remember(RequestFacts f) {
        if (f.number() != null) {
            number = f.number();
        }
        if (f.offeringId() != null) {
            offeringId = f.offeringId();
        }
        if (!f.serviceIds().isEmpty()) {
            serviceIds = new ArrayList<>(f.serviceIds());
        }
        if (f.state() != null) {
            state = f.state();
        }
        if (f.awaitingRequester() != null) {
            awaitingRequester = f.awaitingRequester();
        }
        if (f.version() != null) {
            requestVersion = f.version();
        }
    }

    public UUID requestId() {
        return requestId;
    }

    public String number() {
        return number;
    }

    public UUID offeringId() {
        return offeringId;
    }

    public List<UUID> serviceIds() {
        return serviceIds == null ? List.of() : serviceIds;
    }

    public String state() {
        return state;
    }

    /** While true (a question is open to the requester) the request's clocks pause. */
    public boolean awaitingRequester() {
        return awaitingRequester;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }
}
