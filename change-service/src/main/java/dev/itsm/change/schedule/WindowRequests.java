package dev.itsm.change.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response records of blackout and maintenance windows. */
public final class WindowRequests {

    private WindowRequests() {
    }

    @Schema(name = "BlackoutWindowRequest", description = "No serviceIds = global blackout")
    public record Blackout(@NotBlank @Size(max = 200) @Schema(example = "Year-end freeze") String name,
            @Size(max = 2000) String reason,
            @NotNull @Schema(example = "2026-12-20T00:00:00Z") Instant startsAt,
            @NotNull @Schema(example = "2027-01-04T00:00:00Z") Instant endsAt,
            @Size(max = 500) List<@NotNull UUID> serviceIds) {
    }

    @Schema(name = "BlackoutWindowPatch", description = "JSON merge patch of a blackout window: send only what changes; "
            + "serviceIds [] or null makes it global")
    public record BlackoutPatch(@Schema(maxLength = 200, pattern = "\\S") String name,
            @Schema(maxLength = 2000, nullable = true) String reason,
            @Schema(example = "2026-12-20T00:00:00Z") Instant startsAt,
            @Schema(example = "2027-01-06T00:00:00Z") Instant endsAt,
            @Schema(maxItems = 500, nullable = true) List<UUID> serviceIds) {
    }

    @Schema(name = "BlackoutWindowView")
    public record BlackoutView(UUID id, String name, String reason, Instant startsAt, Instant endsAt, List<UUID> serviceIds,
            boolean global, Instant createdAt, Instant updatedAt, long version) {
    }

    @Schema(name = "MaintenanceWindowRequest", description = "Weekly window of one service in its time zone")
    public record Maintenance(@NotNull UUID serviceId,
            @NotBlank @Size(max = 200) @Schema(example = "Sunday night") String name,
            @NotEmpty Set<@NotNull DayOfWeek> daysOfWeek,
            @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:mm") @Schema(example = "02:00") String startTime,
            @Min(1) @Max(10080) @Schema(example = "240") int durationMinutes,
            @NotBlank @Size(max = 64) @Schema(example = "Europe/Berlin") String timeZone) {
    }

    @Schema(name = "MaintenanceWindowPatch", description = "JSON merge patch of a maintenance window: send only what changes")
    public record MaintenancePatch(UUID serviceId,
            @Schema(maxLength = 200, pattern = "\\S") String name,
            @Schema(minItems = 1) Set<DayOfWeek> daysOfWeek,
            @Schema(pattern = "^([01]\\d|2[0-3]):[0-5]\\d$", example = "02:00") String startTime,
            @Schema(minimum = "1", maximum = "10080", example = "240") Integer durationMinutes,
            @Schema(maxLength = 64, example = "Europe/Berlin") String timeZone) {
    }

    @Schema(name = "MaintenanceWindowView")
    public record MaintenanceView(UUID id, UUID serviceId, String name, Set<DayOfWeek> daysOfWeek, String startTime,
            int durationMinutes, String timeZone, Instant createdAt, Instant updatedAt, long version) {
    }
}
