package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.ci.CiRelation;
import dev.itsm.catalog.ci.RelationType;
import dev.itsm.catalog.ci.TargetType;

@Schema(name = "RelationView", description = "sourceId <relation> targetId")
public record RelationView(UUID id, UUID sourceId,
        RelationType relation,
        TargetType targetType, UUID targetId, Instant createdAt) {

    public static RelationView of(CiRelation r) {
        return new RelationView(r.id(), r.sourceId(), r.relation(), r.targetType(), r.targetId(), r.createdAt());
    }
}
