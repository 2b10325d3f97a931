package dev.itsm.monitoring.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.Suppression;
import dev.itsm.monitoring.SuppressionReason;

@Schema(name = "AlertSuppressionView", description = "Why the alert opens no incident for now, and until when")
public record SuppressionView(
        SuppressionReason reason,
        @Schema(nullable = true, description = "CHANGE_WINDOW: the change whose planned window covers the alert's CI or service",
                example = "5d0f3c8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f") String changeId,
        @Schema(nullable = true, example = "CHG0001042") String changeNumber,
        @Schema(nullable = true, description = "MAINTENANCE_WINDOW: the service's maintenance window") String windowId,
        @Schema(nullable = true, example = "Sunday patching") String windowName,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "When it ends: the window's end, or the manual suppression's expiry") Instant until,
        @Schema(nullable = true, description = "MANUAL: who suppressed it", example = "alice") String by,
        @Schema(nullable = true, example = "Known noisy check while the array rebuilds") String note,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true, description = "Since when") Instant suppressedAt) {

    static SuppressionView of(Alert a) {
        Suppression s = a.suppression();
        return s == null ? null
                : new SuppressionView(s.reason(), s.changeId(), s.changeNumber(), s.windowId(), s.windowName(), s.until(),
                        s.by(), s.note(), a.suppressedAt());
    }
}
