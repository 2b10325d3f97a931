package dev.itsm.monitoring.intake;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of the generic intake (documentation only: the intake reads the body as a tree). */
@Schema(name = "MonitoringEventRequest", description = "An event from any monitoring tool. Its fields also become "
        + "labels (alertname, severity, ci, service, source) unless labels names them, so rules match it like an "
        + "Alertmanager alert.")
public record MonitoringEventRequest(
        @Schema(description = "The tool's name: required as application/json; in CloudEvents it defaults to the "
                + "event's source", example = "zabbix", maxLength = 200) String source,
        @Schema(description = "FIRING (default) or RESOLVED") AlertStatus status,
        @Schema(description = "Identifies the condition across repeats (in CloudEvents: defaults to the subject); "
                + "without one the rule's template, else a hash of source and labels, is the dedup key",
                example = "web-01/disk-full", maxLength = 200) String dedupKey,
        @Schema(description = "What is wrong", required = true, example = "DiskFull", maxLength = 200) String name,
        @Schema(description = "Default warning", example = "critical",
                enumeration = { "critical", "major", "warning", "minor", "info" }) String severity,
        @Schema(description = "One line", example = "Disk /var is 97% full", maxLength = 1024) String summary,
        @Schema(description = "Details", maxLength = 8192) String description,
        @Schema(description = "The CI's name or id", example = "web-01", maxLength = 200) String ci,
        @Schema(description = "The service's id", format = "uuid") String service,
        @Schema(description = "At most 64 (counting the ones added from the fields); names match "
                + "^[a-zA-Z_][a-zA-Z0-9_]*$, values at most 1,024 characters", example = "{\"mount\":\"/var\"}")
        Map<String, String> labels,
        @Schema(description = "When it happened (default: when it was received; in CloudEvents the event's time)")
        Instant occurredAt) {
}
