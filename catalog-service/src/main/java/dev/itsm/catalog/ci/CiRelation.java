package dev.itsm.catalog.ci;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.events.CiRelationChanged;
import dev.itsm.platform.problem.ValidationException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One typed edge: CI {@code sourceId} runs_on / depends_on / hosts a CI or service {@code targetId}. Immutable. */
@Entity
@Table(name = "ci_relation")
public class CiRelation extends PanacheEntityBase {

    @Id
    private UUID id;

    @Column(name = "source_id", nullable = false)
    private UUID sourceId;

    @Convert(converter = RelationTypeConverter.class)
    @Column(nullable = false)
    private RelationType relation;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_type", nullable = false)
    private TargetType targetType;

    @Column(name = "target_id", nullable = false)
    private UUID targetId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CiRelation() {
    }

    public static CiRelation link(UUID id, UUID sourceId, RelationType relation, TargetType targetType, UUID targetId,
            Instant now) {
        if (targetType == TargetType.CI && sourceId.equals(targetId)) {
            throw new ValidationException("targetId", "a CI cannot relate to itself");
        }
        CiRelation r = new CiRelation();
        r.id = id;
        r.sourceId = sourceId;
        r.relation = relation;
        r.targetType = targetType;
        r.targetId = targetId;
        r.createdAt = now;
        return r;
    }

    public List<CiRelationChanged> added(Instant now) {
        return List.of(CiRelationChanged.of(this, CiRelationChanged.Change.ADDED, now));
    }

    public List<CiRelationChanged> removed(Instant now) {
        return List.of(CiRelationChanged.of(this, CiRelationChanged.Change.REMOVED, now));
    }

    public UUID id() {
        return id;
    }

    public UUID sourceId() {
        return sourceId;
    }

    public RelationType relation() {
        return relation;
    }

    public TargetType targetType() {
        return targetType;
    }

    public UUID targetId() {
        return targetId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
