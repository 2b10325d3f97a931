package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * sla-service also times service requests (its asyncapi 1.1: {@code recordKind} REQUEST, {@code incidentId} null): such
 * timer events are skipped — handled, not dead-lettered, and shown on no incident — while incident timers, with or
 * without {@code recordKind}, are shown as before.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class SlaRequestTimersTest {

    static Map<String, Object> timer(String timerId, String recordKind, String recordId, String incidentId, String metric,
            String priority, Instant at) {
        Map<String, Object> m = new HashMap<>();
        m.put("timerId", timerId);
        m.put("incidentId", incidentId);
        m.put("recordKind", recordKind);
        m.put("recordId", recordId);
        m.put("recordNumber", "REQ0001042");
        m.put("agreementId", UUID.randomUUID().toString());
        m.put("agreementName", "Laptop fulfilment SLA");
        m.put("metric", metric);
        m.put("priority", priority);
        m.put("state", "BREACHED");
        m.put("targetSeconds", 3600);
        m.put("elapsedBusinessSeconds", 3601);
        m.put("dueAt", "2026-12-02T09:00:00Z");
        m.put("occurredAt", at.toString());
        return m;
    }

    @Test
    void requestTimerEventsAreSkippedAndIncidentTimersWithRecordKindStillShow() {
        String requestId = UUID.randomUUID().toString();
        String requestTimer = UUID.randomUUID().toString();
        Instant t = Instant.now();
        String started = CloudEventPublisher.publish("sla", "SlaTimerStarted", requestId,
                timer(requestTimer, "REQUEST", requestId, null, "TIME_TO_FULFIL", null, t));
        String breached = CloudEventPublisher.publish("sla", "SlaBreached", requestId,
                timer(requestTimer, "REQUEST", requestId, null, "TIME_TO_FULFIL", null, t.plusSeconds(1)));
        // both handled (the inbox records only events whose transaction committed: a dead letter is not among them)
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count(
                "select count(*) from processed_event where event_id in (?, ?)", started, breached) == 2);
        assertEquals(0, Fixtures.count("select count(*) from incident_sla_timer where timer_id = ?", UUID.fromString(requestTimer)));

        String incidentId = open();
        String incidentTimer = UUID.randomUUID().toString();
        Map<String, Object> facts = timer(incidentTimer, "INCIDENT", incidentId, incidentId, "TIME_TO_RESOLVE", "P3", t);
        facts.put("state", "RUNNING");
        CloudEventPublisher.publish("sla", "SlaTimerStarted", incidentId, facts);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + incidentId).then()
                .body("sla", hasSize(1)).body("sla[0].timerId", equalTo(incidentTimer)).body("sla[0].state", equalTo("RUNNING")));
    }
}
