package dev.itsm.monitoring.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.intake.AlertSource;
import dev.itsm.monitoring.intake.AlertStatus;
import dev.itsm.monitoring.intake.IntakeQueue;
import dev.itsm.monitoring.intake.NormalizedAlert;
import dev.itsm.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Feeds alerts into the intake queue as the intake stores them, runs the processor, and reads back alerts, groups and
 * the events in the outbox (every event the processing caused, in order, without waiting for Kafka).
 */
@ApplicationScoped
public class AlertFeed {

    public static final String PREFIX = "dev.itsm.monitoring.";

    @Inject
    IntakeQueue queue;

    @Inject
    AlertProcessor processor;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** A firing Alertmanager alert {@code name} on CI {@code ci} (label ci) with this fingerprint. */
    public static NormalizedAlert firing(String fingerprint, String name, String ci) {
        return alert(AlertStatus.FIRING, fingerprint, name, ci, "critical");
    }

    public static NormalizedAlert resolved(String fingerprint, String name, String ci) {
        return alert(AlertStatus.RESOLVED, fingerprint, name, ci, "critical");
    }

    public static NormalizedAlert alert(AlertStatus status, String fingerprint, String name, String ci, String severity) {
        Instant now = TestClock.INSTANCE.instant();
        Map<String, String> labels = new HashMap<>();
        labels.put("alertname", name);
        labels.put("severity", severity);
        if (ci != null) {
            labels.put("ci", ci);
        }
        return new NormalizedAlert(AlertSource.ALERTMANAGER, "itsm", status, fingerprint, name, severity,
                name + " on " + ci, name + " has been firing on " + ci, labels, Map.of("summary", name + " on " + ci),
                now.minusSeconds(30), status == AlertStatus.RESOLVED ? now : null, "http://prometheus:9090/graph", now);
    }

    /** Appends the alerts to the queue (committed). */
    public void enqueue(List<NormalizedAlert> alerts) {
        QuarkusTransaction.requiringNew().run(() -> queue.append(alerts));
    }

    /** Appends and processes them; returns the entries processed. */
    public int feed(NormalizedAlert... alerts) {
        enqueue(List.of(alerts));
        return processor.processPending();
    }

    public int processPending() {
        return processor.processPending();
    }

    public Alert alertByFingerprint(String fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from Alert a where a.dedupKey = :k order by a.firstSeenAt desc", Alert.class)
                .setParameter("k", fingerprint).setMaxResults(1).getSingleResult());
    }

    public long alertCount(String fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(a) from Alert a where a.dedupKey = :k", Long.class).setParameter("k", fingerprint)
                .getSingleResult());
    }

    public AlertGroup group(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(AlertGroup.class, id));
    }

    /** Events of this type about this aggregate (alert or group id), oldest first, as their payloads. */
    public List<JsonNode> events(String type, UUID aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("""
                    select cast(payload as text) from outbox_event where event_type = ?1 and aggregate_id = ?2
                    order by id""").setParameter(1, PREFIX + type).setParameter(2, aggregateId.toString())
                    .getResultList();
            List<JsonNode> payloads = new ArrayList<>();
            for (String row : rows) {
                payloads.add(json.readTree(row));
            }
            return payloads;
        });
    }

    /** Events of this type whose payload has {@code field} = {@code value} (e.g. groups of a root CI). */
    public List<JsonNode> eventsWhere(String type, String field, String value) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("""
                    select cast(payload as text) from outbox_event where event_type = ?1 and payload ->> ?2 = ?3
                    order by id""").setParameter(1, PREFIX + type).setParameter(2, field).setParameter(3, value)
                    .getResultList();
            List<JsonNode> payloads = new ArrayList<>();
            for (String row : rows) {
                payloads.add(json.readTree(row));
            }
            return payloads;
        });
    }

    /** Every event type emitted about this aggregate, in order. */
    public List<String> eventTypes(UUID aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("""
                    select event_type from outbox_event where aggregate_id = ?1 order by id""")
                    .setParameter(1, aggregateId.toString()).getResultList();
            return rows.stream().map(t -> t.substring(PREFIX.length())).toList();
        });
    }

    /** A fingerprint unique in the test JVM. */
    public static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
