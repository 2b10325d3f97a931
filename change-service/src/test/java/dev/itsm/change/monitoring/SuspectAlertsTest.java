package dev.itsm.change.monitoring;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.change.Api;
import dev.itsm.platform.security.Roles;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Alerts monitoring-service suppressed inside a change's window become the change's suspects. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class SuspectAlertsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void anAlertSuppressedForTheChangeIsListedAndFollowsTheAlertsState() {
        String change = change();
        UUID alert = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        publish("AlertSuppressed", alert, alertFacts(alert, "ALT0000101", "FIRING", ci, changeWindow(change), T0));

        JsonPath page = awaitSuspects(change, 1);
        assertEquals(alert.toString(), page.getString("items[0].alertId"));
        assertEquals("ALT0000101", page.getString("items[0].number"));
        assertEquals("HighErrorRate", page.getString("items[0].name"));
        assertEquals("critical", page.getString("items[0].severity"));
        assertEquals(ci.toString(), page.getString("items[0].ciId"));
        assertEquals("db-01", page.getString("items[0].ciName"));
        assertEquals("FIRING", page.getString("items[0].state"));
        assertEquals(T0, Instant.parse(page.getString("items[0].suppressedAt")));

        publish("AlertResolved", alert, alertFacts(alert, "ALT0000101", "RESOLVED", ci, null, T0.plusSeconds(60)));
        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(suspects(change).getString("items[0].state")));

        // an older event of the alert (a lagging copy) cannot roll it back
        publish("AlertDeduplicated", alert, alertFacts(alert, "ALT0000101", "FIRING", ci, changeWindow(change), T0.plusSeconds(30)));
        UUID marker = UUID.randomUUID();
        publish("AlertSuppressed", marker, alertFacts(marker, "ALT0000102", "FIRING", ci, changeWindow(change), T0.plusSeconds(90)));
        awaitSuspects(change, 2);
        assertEquals("RESOLVED", stateOf(change, alert));
    }

    @Test
    void aRedeliveredOrRepeatedSuppressionIsOneSuspectSuppressedWhenFirstSeen() {
        String change = change();
        UUID alert = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> facts = alertFacts(alert, "ALT0000201", "FIRING", null, changeWindow(change), T0);
        CloudEventPublisher.publish("monitoring", "AlertSuppressed", alert.toString(), eventId, facts);
        CloudEventPublisher.publish("monitoring", "AlertSuppressed", alert.toString(), eventId, facts);
        // suppressed again later by the same change (unsuppressed and re-fired meanwhile): still one suspect
        publish("AlertSuppressed", alert, alertFacts(alert, "ALT0000201", "FIRING", null, changeWindow(change), T0.plusSeconds(300)));
        UUID marker = UUID.randomUUID();
        publish("AlertSuppressed", marker, alertFacts(marker, "ALT0000202", "FIRING", null, changeWindow(change), T0.minusSeconds(60)));

        JsonPath page = awaitSuspects(change, 2);
        assertEquals(List.of(alert.toString(), marker.toString()), page.getList("items.alertId"));
        assertEquals(T0, Instant.parse(page.getString("items[0].suppressedAt")));
        assertNull(page.get("items[0].ciId"));
    }

    @Test
    void onlyChangeWindowSuppressionsOfOurChangesAreSuspects() {
        String change = change();
        UUID maintenance = UUID.randomUUID();
        Map<String, Object> window = new HashMap<>(changeWindow(change));
        window.put("reason", "MAINTENANCE_WINDOW");
        window.put("changeId", null);
        window.put("changeNumber", null);
        window.put("windowId", UUID.randomUUID().toString());
        publish("AlertSuppressed", maintenance, alertFacts(maintenance, "ALT0000301", "FIRING", null, window, T0));
        UUID manual = UUID.randomUUID();
        Map<String, Object> byHand = new HashMap<>(changeWindow(change));
        byHand.put("reason", "MANUAL");
        publish("AlertSuppressed", manual, alertFacts(manual, "ALT0000302", "FIRING", null, byHand, T0));
        UUID unknown = UUID.randomUUID();
        publish("AlertSuppressed", unknown, alertFacts(unknown, "ALT0000303", "FIRING", null,
                changeWindow(UUID.randomUUID().toString()), T0));
        UUID raised = UUID.randomUUID();
        publish("AlertRaised", raised, alertFacts(raised, "ALT0000304", "FIRING", null, null, T0));
        UUID marker = UUID.randomUUID();
        publish("AlertSuppressed", marker, alertFacts(marker, "ALT0000305", "FIRING", null, changeWindow(change), T0));

        JsonPath page = awaitSuspects(change, 1);
        assertEquals(List.of(marker.toString()), page.getList("items.alertId"));
    }

    @Test
    void suspectsArePagedNewestFirstWithACursor() {
        String change = change();
        for (int i = 0; i < 5; i++) {
            UUID alert = UUID.randomUUID();
            publish("AlertSuppressed", alert, alertFacts(alert, "ALT000040" + i, "FIRING", null, changeWindow(change),
                    T0.plusSeconds(i)));
        }
        awaitSuspects(change, 5);
        JsonPath first = Api.as("rhea", Roles.READER).get(CHANGES + "/" + change + "/suspect-alerts?size=2").then()
                .statusCode(200).body("total", equalTo(5)).body("items", hasSize(2)).extract().jsonPath();
        assertEquals(List.of("ALT0000404", "ALT0000403"), first.getList("items.number"));
        JsonPath second = Api.as("rhea", Roles.READER).queryParam("cursor", first.getString("next"))
                .get(CHANGES + "/" + change + "/suspect-alerts?size=2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("ALT0000402", "ALT0000401"), second.getList("items.number"));
        JsonPath last = Api.as("rhea", Roles.READER).queryParam("cursor", second.getString("next"))
                .get(CHANGES + "/" + change + "/suspect-alerts?size=2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("ALT0000400"), last.getList("items.number"));
        assertNull(last.get("next"));
    }

    @Test
    void theListNeedsAKnownChangeAndAReadRole() {
        Api.as("rhea", Roles.READER).get(CHANGES + "/" + UUID.randomUUID() + "/suspect-alerts").then()
                .statusCode(404).contentType(PROBLEM);
        String change = change();
        Api.as("cleo", Roles.CHANGE_MANAGER).get(CHANGES + "/" + change + "/suspect-alerts").then()
                .statusCode(200).body("items", hasSize(0));
        Api.as("ivy", Roles.INTEGRATION_ADMIN).get(CHANGES + "/" + change + "/suspect-alerts").then()
                .statusCode(403).contentType(PROBLEM);
    }

    // ------------------------------------------------------------------------------ helpers

    private static String change() {
        return Api.create(Api.normal("Upgrade the database", Api.freshSlot(), Duration.ofHours(1), List.of(), List.of()))
                .getString("id");
    }

    private static JsonPath suspects(String change) {
        return Api.as("rhea", Roles.READER).get(CHANGES + "/" + change + "/suspect-alerts").then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath awaitSuspects(String change, int n) {
        JsonPath[] page = new JsonPath[1];
        await().atMost(PATIENCE).until(() -> {
            page[0] = suspects(change);
            return page[0].getList("items").size() == n;
        });
        return page[0];
    }

    private static String stateOf(String change, UUID alert) {
        JsonPath page = suspects(change);
        List<String> ids = page.getList("items.alertId");
        return page.getString("items[" + ids.indexOf(alert.toString()) + "].state");
    }

    private static void publish(String type, UUID alert, Map<String, Object> facts) {
        CloudEventPublisher.publish("monitoring", type, alert.toString(), facts);
    }

    /** The suppression of an alert by a change window, as monitoring-service writes it. */
    static Map<String, Object> changeWindow(String changeId) {
        Map<String, Object> s = new HashMap<>();
        s.put("reason", "CHANGE_WINDOW");
        s.put("changeId", changeId);
        s.put("changeNumber", "CHG0000042");
        s.put("windowId", null);
        s.put("windowName", "Upgrade the database");
        s.put("until", T0.plus(Duration.ofHours(1)).toString());
        s.put("by", null);
        s.put("note", null);
        return s;
    }

    /** AlertFacts as monitoring-service publishes them. */
    static Map<String, Object> alertFacts(UUID alertId, String number, String state, UUID ciId, Map<String, Object> suppression,
            Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("alertId", alertId.toString());
        m.put("number", number);
        m.put("dedupKey", "HighErrorRate/db-01");
        m.put("fingerprint", "a1b2c3d4");
        m.put("source", "ALERTMANAGER");
        m.put("sourceName", "itsm");
        m.put("name", "HighErrorRate");
        m.put("summary", "5xx above 5 %");
        m.put("severity", "critical");
        m.put("labels", Map.of("alertname", "HighErrorRate", "instance", "db-01:9100"));
        m.put("annotations", Map.of("summary", "5xx above 5 %"));
        m.put("ciId", ciId == null ? null : ciId.toString());
        m.put("ciName", ciId == null ? null : "db-01");
        m.put("serviceIds", List.of());
        m.put("impact", "HIGH");
        m.put("urgency", "HIGH");
        m.put("ruleId", null);
        m.put("ruleVersion", null);
        m.put("state", state);
        m.put("startsAt", T0.toString());
        m.put("endsAt", "RESOLVED".equals(state) ? occurredAt.toString() : null);
        m.put("firstSeenAt", T0.toString());
        m.put("lastSeenAt", occurredAt.toString());
        m.put("occurrences", 1);
        m.put("flapCount", 0);
        m.put("groupId", null);
        m.put("suppression", suppression);
        m.put("acknowledgedBy", null);
        m.put("acknowledgedAt", null);
        m.put("unroutedReason", null);
        m.put("version", 1);
        m.put("occurredAt", occurredAt.toString());
        return m;
    }
}
