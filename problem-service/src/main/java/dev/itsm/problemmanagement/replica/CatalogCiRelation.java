package dev.itsm.problemmanagement.replica;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Replica of a relation between two CIs ({@code source <relation> target}, e.g. app DEPENDS_ON database), fed by
 * {@code CiRelationChanged}; a removal deletes the row. The candidate detector walks these to find the CIs an
 * incident's CI depends on.
 */
@Entity
@Table(name = "catalog_ci_relation")
public class CatalogCiRelation extends PanacheEntityBase {

    @Id
    @Column(name = "relation_id")
    private UUID relationId;
    @Column(name = "source_id")
    private UUID sourceId;
    private String relation;
    @Column(name = "target_id")
    private UUID targetId;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CatalogCiRelation() {
        // for JPA
    }

    /** The replica of a relation, or a new, empty one (not persisted). */
    public static CatalogCiRelation replicaOf(UUID relationId) {
        CatalogCiRelation r = findById(relationId);
        if (r == null) {
            r = new CatalogCiRelation();
            r.relationId = relationId;
        }
        return r;
    }

    /** True when the replica already holds a fact newer than {@code at}. */
    public boolean isNewerThan(Instant at) {
        return updatedAt != null && updatedAt.isAfter(at);
    }

    /** Takes the facts of an event that happened at {@code at}; false (and no change) when the replica is newer. */
    public boolean replicate(UUID sourceId, String relation, UUID targetId, Instant at) {
        if (isNewerThan(at)) {
            return false;
        }
        this.sourceId = sourceId;
        this.relation = relation;
        this.targetId = targetId;
        this.updatedAt = at;
        return true;
    }

    public UUID relationId() { return relationId; }
    public UUID sourceId() { return sourceId; }
    public String relation() { return relation; }
    public UUID targetId() { return targetId; }
}
