package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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

/** An incident's {@code sla[]} shows every SLA timer (agreement × metric) by its timerId, and follows re-targets. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class SlaTimersTest {

    static final String GOLD = "3f2e1d0c-9b8a-4766-8544-332211009988";
    static final String OLA = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";

    /** sla-service's TimerFacts, as it publishes them. */
    static Map<String, Object> timer(String timerId, String incidentId, String agreementId, String agreementName,
            String metric, String state, long targetSeconds, String dueAt, Instant at) {
        Map<String, Object> m = new HashMap<>();
        m.put("timerId", timerId);
        m.put("incidentId", incidentId);
        m.put("agreementId", agreementId);
        m.put("agreementName", agreementName);
        m.put("metric", metric);
        m.put("priority", "P3");
        m.put("state", state);
        m.put("targetSeconds", targetSeconds);
        m.put("elapsedBusinessSeconds", 60);
        m.put("dueAt", dueAt);
        m.put("occurredAt", at.toString());
        return m;
    }

    static void sla(String incidentId, String type, Map<String, Object> data) {
        CloudEventPublisher.publish("sla", type, incidentId, data);
    }

    @Test
    void twoAgreementsWithTwoMetricsEachShowFourTimers() {
        String id = open();
        Instant t = Instant.now();
        String[] timers = new String[4];
        int n = 0;
        for (String[] agreement : new String[][] { { GOLD, "Gold service desk SLA" }, { OLA, "Network team OLA" } }) {
            for (String metric : new String[] { "TIME_TO_RESPOND", "TIME_TO_RESOLVE" }) {
                timers[n] = UUID.randomUUID().toString();
                sla(id, "SlaTimerStarted", timer(timers[n], id, agreement[0], agreement[1], metric, "RUNNING", 3600,
                        "2026-11-27T13:00:00Z", t));
                n++;
            }
        }
        sla(id, "SlaBreached", timer(timers[3], id, OLA, "Network team OLA", "TIME_TO_RESOLVE", "BREACHED", 3600,
                "2026-11-27T13:00:00Z", t.plusSeconds(1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("sla", hasSize(4))
                .body("sla.timerId", containsInAnyOrder(timers))
                .body("sla.find { it.timerId == '" + timers[3] + "' }.state", equalTo("BREACHED")));
        reader().get("/api/v1/incidents/" + id).then()
                .body("sla.find { it.timerId == '" + timers[3] + "' }.breached", equalTo(true))
                .body("sla.find { it.timerId == '" + timers[3] + "' }.status", equalTo("BREACHED"))
                .body("sla.find { it.timerId == '" + timers[3] + "' }.breachedAt", equalTo("2026-11-27T13:00:00Z"))
                .body("sla.find { it.timerId == '" + timers[1] + "' }.agreementId", equalTo(GOLD))
                .body("sla.find { it.timerId == '" + timers[1] + "' }.agreementName", equalTo("Gold service desk SLA"))
                .body("sla.find { it.timerId == '" + timers[1] + "' }.metric", equalTo("TIME_TO_RESOLVE"))
                .body("sla.find { it.timerId == '" + timers[1] + "' }.state", equalTo("RUNNING"))
                .body("sla.find { it.timerId == '" + timers[1] + "' }.breached", equalTo(false))
                .body("sla.find { it.timerId == '" + timers[1] + "' }.breachedAt", nullValue())
                .body("sla.find { it.timerId == '" + timers[1] + "' }.targetSeconds", equalTo(3600))
                .body("sla.find { it.timerId == '" + timers[1] + "' }.dueAt", equalTo("2026-11-27T13:00:00Z"));
    }

    @Test
    void aRetargetedTimerShowsItsNewTargetAndDueTimeAndAnOlderEventDoesNotUndoIt() {
        String id = open();
        String timerId = UUID.randomUUID().toString();
        Instant t = Instant.now();
        sla(id, "SlaTimerStarted", timer(timerId, id, GOLD, "Gold service desk SLA", "TIME_TO_RESPOND", "RUNNING", 14400,
                "2026-11-28T09:00:00Z", t));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("sla", hasSize(1)).body("sla[0].targetSeconds", equalTo(14400)));

        Map<String, Object> retargeted = timer(timerId, id, GOLD, "Gold service desk SLA", "TIME_TO_RESPOND", "RUNNING",
                1800, "2026-11-27T14:25:00Z", t.plusSeconds(10));
        retargeted.put("priority", "P1");
        retargeted.put("previousTargetSeconds", 14400);
        retargeted.put("previousDueAt", "2026-11-28T09:00:00Z");
        sla(id, "SlaTimerRetargeted", retargeted);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("sla", hasSize(1))
                .body("sla[0].timerId", equalTo(timerId))
                .body("sla[0].targetSeconds", equalTo(1800))
                .body("sla[0].dueAt", equalTo("2026-11-27T14:25:00Z"))
                .body("sla[0].state", equalTo("RUNNING")));

        // a copy of an earlier fact (redelivered late, replayed from the DLQ) does not roll the timer back
        String late = CloudEventPublisher.publish("sla", "SlaTimerPaused", id, timer(timerId, id, GOLD,
                "Gold service desk SLA", "TIME_TO_RESPOND", "PAUSED", 14400, null, t.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count(
                "select count(*) from processed_event where event_id = ?", late) == 1);
        reader().get("/api/v1/incidents/" + id).then()
                .body("sla[0].targetSeconds", equalTo(1800))
                .body("sla[0].dueAt", equalTo("2026-11-27T14:25:00Z"))
                .body("sla[0].state", equalTo("RUNNING"));
    }
}
