package dev.itsm.request.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Replica of a consumer organisation and its people. */
@Entity
@Table(name = "catalog_organisation")
public class OrganisationReplica extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";

    @Id
    private UUID id;
    private String name;
    @Column(name = "parent_id")
    private UUID parentId;
    private String state;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<PersonReplica> people = List.of();
    private Long version;
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected OrganisationReplica() {
        // for JPA
    }

    static OrganisationReplica replicaOf(UUID id) {
        OrganisationReplica o = findById(id);
        if (o == null) {
            o = new OrganisationReplica();
            o.id = id;
        }
        return o;
    }

    boolean isNew() {
        return occurredAt == null;
    }

    boolean replicate(String name, UUID parentId, String state, List<PersonReplica> people, Long version, Instant at) {
        if (Freshness.isStale(this.version, occurredAt, version, at)) {
            return false;
        }
        this.name = name;
        this.parentId = parentId;
        this.state = state;
        this.people = List.copyOf(people);
        this.version = version;
        this.occurredAt = at;
        return true;
    }

    public Optional<PersonReplica> person(String subject) {
        return people.stream().filter(p -> p.subject().equals(subject)).findFirst();
    }

    public boolean isActive() {
        return ACTIVE.equals(state);
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public UUID parentId() { return parentId; }
    public String state() { return state; }
    public List<PersonReplica> people() { return people; }
    public Long version() { return version; }
    public Instant occurredAt() { return occurredAt; }
}
