package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.support.Http;

import dev.itsm.catalog.offering.Offering;
import dev.itsm.catalog.offering.OfferingStatus;

@Schema(name = "OfferingView", description = "A service offering for a target consumer group")
public record OfferingView(UUID id, String name, String description, String targetConsumerGroup,
        @Schema(description = "Lifecycle: DRAFT → PUBLISHED → WITHDRAWN") OfferingStatus state,
        @Schema(deprecated = true, description = "Same as state; kept for existing clients") OfferingStatus status,
        List<UUID> serviceIds, List<ComponentDto> components,
        @Schema(nullable = true, description = "null: ordering it costs nothing") OfferingCost cost,
        @Schema(type = SchemaType.OBJECT, nullable = true, description = "The request form (JSON Schema 2020-12); also served by "
                + "GET /api/v1/catalog/offerings/{id}/form") JsonNode requestForm,
        Instant publishedAt, Instant withdrawnAt,
        Instant createdAt, Instant updatedAt, long version) implements Http.Versioned {

    public static OfferingView of(Offering o) {
        return new OfferingView(o.id(), o.name(), o.description(), o.targetConsumerGroup(), o.status(), o.status(), o.serviceIds(),
                o.components().stream().map(ComponentDto::of).toList(), OfferingCost.of(o.cost()), o.requestForm(), o.publishedAt(), o.withdrawnAt(),
                o.createdAt(), o.updatedAt(), o.version());
    }
}
