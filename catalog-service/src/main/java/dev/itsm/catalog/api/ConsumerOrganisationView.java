package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.consumer.ConsumerOrganisation;
import dev.itsm.catalog.consumer.OrganisationState;
import dev.itsm.catalog.support.Http;

@Schema(name = "ConsumerOrganisationView", description = "A consumer organisation with its people")
public record ConsumerOrganisationView(UUID id,
        @Schema(example = "Finance department") String name,
        @Schema(nullable = true) String description,
        @Schema(nullable = true, description = "The organisation it belongs to; null for a top-level one") UUID parentId,
        OrganisationState state,
        @Schema(description = "The POST commands its state allows", example = "[\"deactivate\"]") List<String> allowedCommands,
        @Schema(description = "Its people, by subject") List<ConsumerPersonView> people,
        Instant createdAt, Instant updatedAt, long version) implements Http.Versioned {

    public static ConsumerOrganisationView of(ConsumerOrganisation o) {
        return new ConsumerOrganisationView(o.id(), o.name(), o.description(), o.parentId(), o.state(), o.state().allowedCommands(),
                o.people().entrySet().stream().map(ConsumerPersonView::of).toList(), o.createdAt(), o.updatedAt(), o.version());
    }
}
