package dev.itsm.monitoring.intake;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A CloudEvent 1.0 in structured mode carrying a {@link MonitoringEventRequest} (documentation only). */
@Schema(name = "MonitoringCloudEvent", description = "CloudEvents 1.0 structured mode; data is a MonitoringEventRequest.")
public record MonitoringCloudEvent(
        @Schema(description = "Must be 1.0", required = true, example = "1.0") String specversion,
        @Schema(description = "The event's id", required = true, example = "4f6c3a3e-9d8b-4c1e-8a51-2b7f0e6d5c4a") String id,
        @Schema(description = "The emitting tool; the default of data.source", required = true,
                example = "/zabbix/prod") String source,
        @Schema(description = "The event's type (any)", required = true, example = "com.zabbix.problem") String type,
        @Schema(description = "The default of data.dedupKey", example = "web-01/disk-full") String subject,
        @Schema(description = "The default of data.occurredAt") Instant time,
        @Schema(description = "application/json when given", example = "application/json") String datacontenttype,
        @Schema(description = "The event", required = true) MonitoringEventRequest data) {
}
