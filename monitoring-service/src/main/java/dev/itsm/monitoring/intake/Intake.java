package dev.itsm.monitoring.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import dev.itsm.monitoring.pipeline.IntakeFirst;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Accepts alerts: checks the body's size and shape, reads every alert of it, writes the accepted ones to the intake
 * queue in one statement and one transaction, and says which were rejected. Never reads alerts or rules: the
 * processor does the rest asynchronously, so a storm costs the caller one INSERT.
 */
@ApplicationScoped
public class Intake {

    /** The body formats the intake reads. */
    enum Format { ALERTMANAGER, JSON, CLOUDEVENT, CLOUDEVENT_BATCH }

    private final IntakeQueue queue;
    private final ObjectMapper json;
    private final Clock clock;
    private final long maxBodyBytes;
    private final int maxAlerts;
    private final Event<AlertsQueued> queued;
    private final IntakeFirst intakeFirst;
    private final Map<AlertSource, Counter> accepted = new EnumMap<>(AlertSource.class);
    private final Map<AlertSource, Counter> rejected = new EnumMap<>(AlertSource.class);

    Intake(IntakeQueue queue, ObjectMapper json, Clock clock, MeterRegistry meters, Event<AlertsQueued> queued,
            IntakeFirst intakeFirst, @ConfigProperty(name = "monitoring.intake.max-body-bytes", defaultValue = "1048576") long maxBodyBytes,
            @ConfigProperty(name = "monitoring.intake.max-alerts", defaultValue = "1000") int maxAlerts) {
        this.queue = queue;
        this.json = json;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.maxAlerts = maxAlerts;
        this.queued = queued;
        this.intakeFirst = intakeFirst;
        for (AlertSource source : AlertSource.values()) {
            String tag = source.name().toLowerCase(java.util.Locale.ROOT);
            accepted.put(source, Counter.builder("itsm.monitoring.intake.alerts").description("Alerts received")
                    .tag("source", tag).tag("outcome", "accepted").register(meters));
            rejected.put(source, Counter.builder("itsm.monitoring.intake.alerts").description("Alerts received")
                    .tag("source", tag).tag("outcome", "rejected").register(meters));
        }
    }

    /**
     * Reads {@code body} as {@code format} and queues its valid alerts. Throws a problem (nothing stored) when the
     * body is too large, not JSON, not of the format, has too many alerts, or when every alert is invalid.
     */
    public IntakeReceipt accept(byte[] body, Format format) {
        intakeFirst.intake();
        long size = body == null ? 0 : body.length;
        if (size > maxBodyBytes) {
            throw IntakeProblems.payloadTooLarge(size, maxBodyBytes);
        }
        JsonNode tree = read(body);
        Instant receivedAt = clock.instant();
        ParsedAlerts parsed = switch (format) {
            case ALERTMANAGER -> AlertmanagerPayloads.parse(tree, maxAlerts, receivedAt);
            case JSON -> MonitoringEvents.parseJson(tree, maxAlerts, receivedAt);
            case CLOUDEVENT -> MonitoringEvents.parseCloudEvents(tree, false, maxAlerts, receivedAt);
            case CLOUDEVENT_BATCH -> MonitoringEvents.parseCloudEvents(tree, true, maxAlerts, receivedAt);
        };
        rejected.get(parsed.source).increment(parsed.rejected.size());
        if (parsed.allRejected()) {
            throw IntakeProblems.invalidAlerts(parsed.rejected);
        }
        // parsing above needs no connection: the transaction is only the one INSERT and its commit
        QuarkusTransaction.requiringNew().run(() -> queue.append(parsed.accepted));
        accepted.get(parsed.source).increment(parsed.accepted.size());
        // committed: the processor may start on them now instead of at its next scheduled round
        queued.fire(new AlertsQueued(parsed.accepted.size()));
        return new IntakeReceipt(parsed.accepted.size(), parsed.rejected);
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new dev.itsm.platform.problem.ProblemException(400, "malformed-json", "Malformed JSON",
                    "The request has no body");
        }
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new dev.itsm.platform.problem.ProblemException(400, "malformed-json", "Malformed JSON",
                        "The request has no body");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new dev.itsm.platform.problem.ProblemException(400, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON" + where);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }
}
