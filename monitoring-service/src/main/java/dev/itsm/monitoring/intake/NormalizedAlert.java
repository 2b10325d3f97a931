package dev.itsm.monitoring.intake;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One alert as the intake accepted it, whatever its format. Stored as jsonb in the intake queue; the processor
 * reads it back and never needs to know which format it came in.
 *
 * @param sourceName   Alertmanager: the receiver; generic and CloudEvents: the tool's name ({@code source})
 * @param fingerprint  Alertmanager's fingerprint; generic: the dedupKey; CloudEvents: dedupKey, else the subject; may be null
 * @param name         labels.alertname, or the event's name
 * @param severity     lower-case, from labels.severity or the event's field; may be null
 * @param summary      annotations.summary, or the event's summary; may be null
 * @param labels       for generic events: its labels plus alertname, severity, ci, service, source when absent
 * @param endsAt       null while firing (Alertmanager's {@code 0001-01-01T00:00:00Z} becomes null)
 */
public record NormalizedAlert(AlertSource source, String sourceName, AlertStatus status, String fingerprint,
        String name, String severity, String summary, String description, Map<String, String> labels,
        Map<String, String> annotations, @JsonDeserialize(using = QueuedInstant.class) Instant startsAt,
        @JsonDeserialize(using = QueuedInstant.class) Instant endsAt, String generatorUrl,
        @JsonDeserialize(using = QueuedInstant.class) Instant receivedAt) {

    public NormalizedAlert {
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }
}
