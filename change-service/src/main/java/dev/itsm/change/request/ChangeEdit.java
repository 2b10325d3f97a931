package dev.itsm.change.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The fields of a change request a PATCH may edit (the merge patch applies to this record). */
public record ChangeEdit(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10000) String description,
        @Size(max = 10000) String justification,
        @Size(max = 20000) String implementationPlan,
        @Size(max = 20000) String backoutPlan,
        @Size(max = 20000) String testPlan,
        Instant plannedStart,
        Instant plannedEnd,
        @Size(max = 200) List<@NotNull UUID> serviceIds,
        @Size(max = 500) List<@NotNull UUID> ciIds) {
}
