package dev.itsm.monitoring.intake;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One alert of an Alertmanager webhook payload (documentation only, see {@link AlertmanagerWebhook}). */
@Schema(name = "AlertmanagerAlert", description = "One alert as Alertmanager sends it.")
public record AlertmanagerAlert(
        @Schema(description = "The alert's status", example = "firing", required = true,
                enumeration = { "firing", "resolved" }) String status,
        @Schema(description = "At most 64; names match ^[a-zA-Z_][a-zA-Z0-9_]*$, values at most 1,024 characters; "
                + "alertname is required, severity and instance/ci are read by the rules", required = true,
                example = "{\"alertname\":\"ProbeFailure\",\"instance\":\"web-01:9100\",\"severity\":\"critical\"}")
        Map<String, String> labels,
        @Schema(description = "Values at most 8,192 characters; summary and description are read",
                example = "{\"summary\":\"BlackBox probe failure\"}") Map<String, String> annotations,
        @Schema(description = "When the alert started firing", required = true) Instant startsAt,
        @Schema(description = "When it resolved; 0001-01-01T00:00:00Z (Go's zero time) while firing") Instant endsAt,
        @Schema(description = "Link to the alert's source (the Prometheus expression)",
                example = "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0") String generatorURL,
        @Schema(description = "Alertmanager's fingerprint of the label set (at most 64 characters); the default dedup key",
                example = "1a30ba71cca2921f") String fingerprint) {
}
