package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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

/** itsm.sla.events become the SLA timers shown on an incident; a P1/P2 breach lands in its history. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class SlaStatusTest {

    static Map<String, Object> timer(String incidentId, String metric, String state, Instant at) {
        Map<String, Object> m = new HashMap<>();
        m.put("timerId", UUID.nameUUIDFromBytes((incidentId + metric).getBytes()).toString());
        m.put("incidentId", incidentId);
        m.put("agreementId", "b5a4d0c2-3e0f-4d7c-9a77-1f2e3d4c5b6a");
        m.put("agreementName", "Gold support");
        m.put("metric", metric);
        m.put("priority", "P1");
        m.put("state", state);
        m.put("targetSeconds", 14400);
        m.put("elapsedBusinessSeconds", 12000);
        m.put("dueAt", "2026-11-27T13:00:00Z");
        m.put("occurredAt", at.toString());
        m.put("somethingNew", "ignored by a tolerant reader");
        return m;
    }

    static void sla(String incidentId, String type, Map<String, Object> data) {
        CloudEventPublisher.publish("sla", type, incidentId, data);
    }

    @Test
    void slaEventsShowPerMetricStatusAndABreachOfAP1IsWrittenToHistory() {
        String id = open(Fixtures.liveService(), "HIGH", "HIGH");
        Instant t = Instant.now();
        sla(id, "SlaTimerStarted", timer(id, "TIME_TO_RESPOND", "RUNNING", t));
        sla(id, "SlaTimerStarted", timer(id, "TIME_TO_RESOLVE", "RUNNING", t));
        sla(id, "SlaMet", timer(id, "TIME_TO_RESPOND", "MET", t.plusSeconds(1)));
        Map<String, Object> warning = timer(id, "TIME_TO_RESOLVE", "RUNNING", t.plusSeconds(2));
        warning.put("thresholdPercent", 80);
        sla(id, "SlaWarning", warning);
        sla(id, "SlaSomethingWeInventedLater", timer(id, "TIME_TO_RESOLVE", "RUNNING", t.plusSeconds(3)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("sla.find { it.metric == 'TIME_TO_RESOLVE' }.status", equalTo("WARNING"))
                .body("sla.find { it.metric == 'TIME_TO_RESPOND' }.status", equalTo("MET")));
        reader().get("/api/v1/incidents/" + id + "/history").then().body("items.action", not(hasItem("sla-breached")));

        sla(id, "SlaBreached", timer(id, "TIME_TO_RESOLVE", "BREACHED", t.plusSeconds(4)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("sla.find { it.metric == 'TIME_TO_RESOLVE' }.status", equalTo("BREACHED"))
                .body("sla.find { it.metric == 'TIME_TO_RESOLVE' }.breached", equalTo(true))
                .body("sla.find { it.metric == 'TIME_TO_RESOLVE' }.dueAt", equalTo("2026-11-27T13:00:00Z"))
                .body("sla.find { it.metric == 'TIME_TO_RESOLVE' }.agreementName", equalTo("Gold support")));
        reader().get("/api/v1/incidents/" + id + "/history").then()
                .body("items.find { it.action == 'sla-breached' }.actor", equalTo("sla-service"));

        // the list shows the same flags
        String number = reader().get("/api/v1/incidents/" + id).path("number");
        reader().queryParam("q", number).get("/api/v1/incidents")
                .then().body("items[0].sla.find { it.metric == 'TIME_TO_RESOLVE' }.breached", equalTo(true));
    }

    @Test
    void aBreachOfALowPriorityIncidentIsShownButNotWrittenToHistory() {
        String id = open(Fixtures.liveService(), "LOW", "MEDIUM"); // P4
        sla(id, "SlaBreached", timer(id, "TIME_TO_RESOLVE", "BREACHED", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("sla[0].status", equalTo("BREACHED")));
        assertEquals(1, reader().get("/api/v1/incidents/" + id + "/history").jsonPath().getList("items").size());

        // another timer for the metric (another agreement, say) is its own entry with its own clean record
        Map<String, Object> other = timer(id, "TIME_TO_RESOLVE", "RUNNING", Instant.now().plusSeconds(1));
        String otherTimer = UUID.randomUUID().toString();
        other.put("timerId", otherTimer);
        sla(id, "SlaTimerStarted", other);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + id).then()
                .body("sla.find { it.timerId == '" + otherTimer + "' }.status", equalTo("RUNNING"))
                .body("sla.find { it.timerId == '" + otherTimer + "' }.breached", equalTo(false))
                .body("sla.find { it.timerId != '" + otherTimer + "' }.breached", equalTo(true)));
    }
}
