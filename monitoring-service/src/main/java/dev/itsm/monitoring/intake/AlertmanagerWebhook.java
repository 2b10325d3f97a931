package dev.itsm.monitoring.intake;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Alertmanager's webhook payload, version 4 — documentation only: the intake reads the body as a tree (a tolerant
 * reader that reports every invalid alert with a JSON pointer), so this type fixes the schema, not the parsing.
 */
@Schema(name = "AlertmanagerWebhook", description = "The payload Prometheus Alertmanager's webhook_config sends "
        + "(version 4). Unknown fields are ignored.")
public record AlertmanagerWebhook(
        @Schema(description = "Payload version; only \"4\" is read", example = "4", required = true) String version,
        @Schema(description = "Identifies the alert group in Alertmanager",
                example = "{}/{severity=\"critical\"}:{alertname=\"ProbeFailure\"}") String groupKey,
        @Schema(description = "Alerts Alertmanager left out because of max_alerts", example = "0") Integer truncatedAlerts,
        @Schema(description = "firing while at least one alert of the group fires", example = "firing",
                enumeration = { "firing", "resolved" }) String status,
        @Schema(description = "The receiver's name; becomes the alerts' sourceName", example = "itsm") String receiver,
        @Schema(description = "Labels the group is formed by") Map<String, String> groupLabels,
        @Schema(description = "Labels all alerts share") Map<String, String> commonLabels,
        @Schema(description = "Annotations all alerts share") Map<String, String> commonAnnotations,
        @Schema(description = "Alertmanager's URL", example = "http://alertmanager.example.org:9093") String externalURL,
        @Schema(description = "The alerts (at most monitoring.intake.max-alerts, 1,000)", required = true)
        List<AlertmanagerAlert> alerts) {
}
