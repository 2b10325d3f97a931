package dev.itsm.change.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change model as the API shows it. */
@Schema(name = "ChangeModelView")
public record ChangeModelView(UUID id, String name, String description, String implementationPlan, String backoutPlan,
        String testPlan, List<UUID> allowedServiceIds, List<UUID> allowedCiIds, boolean active, Instant createdAt,
        Instant updatedAt, long version) {

    static ChangeModelView of(ChangeModel m) {
        return new ChangeModelView(m.id(), m.name(), m.description(), m.plans().implementation(), m.plans().backout(), m.plans().test(),
                m.allowedServiceIds(), m.allowedCiIds(), m.active(), m.createdAt(), m.updatedAt(), m.version());
    }
}
