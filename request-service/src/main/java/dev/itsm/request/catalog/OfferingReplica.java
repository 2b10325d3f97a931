package dev.itsm.request.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Replica of a catalogue offering: what can be ordered, its components, form and cost. */
@Entity
@Table(name = "catalog_offering")
public class OfferingReplica extends PanacheEntityBase {

    public static final String PUBLISHED = "PUBLISHED";

    @Id
    private UUID id;
    private String name;
    private String state;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_ids", columnDefinition = "jsonb")
    private List<UUID> serviceIds = List.of();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private OfferingCost cost;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "request_form", columnDefinition = "jsonb")
    private Map<String, Object> requestForm;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<ComponentReplica> components = List.of();
    private Long version;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    private long revision;

    protected OfferingReplica() {
        // for JPA
    }

    /** The replica row, or a new, empty one (not persisted). */
    static OfferingReplica replicaOf(UUID id) {
        OfferingReplica o = findById(id);
        if (o == null) {
            o = new OfferingReplica();
            o.id = id;
        }
        return o;
    }

    boolean isNew() {
        return occurredAt == null;
    }

    /** Takes an event's facts; false (and no change) when the replica already holds a newer event. */
    boolean replicate(String name, String state, List<UUID> serviceIds, OfferingCost cost, Map<String, Object> requestForm,
            List<ComponentReplica> components, Long version, Instant at) {
        if (Freshness.isStale(this.version, occurredAt, version, at)) {
            return false;
        }
        this.name = name;
        this.state = state;
        this.serviceIds = List.copyOf(serviceIds);
        this.cost = cost;
        this.requestForm = requestForm;
        this.components = List.copyOf(components);
        this.version = version;
        this.occurredAt = at;
        this.revision++;
        return true;
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public String state() { return state; }
    public List<UUID> serviceIds() { return serviceIds; }
    public OfferingCost cost() { return cost; }
    public Map<String, Object> requestForm() { return requestForm; }
    public List<ComponentReplica> components() { return components; }
    public Long version() { return version; }
    public Instant occurredAt() { return occurredAt; }
    public long revision() { return revision; }
}
