package dev.itsm.monitoring.intake;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The intake over HTTP on the real database: what each format stores in the queue, partly and wholly invalid
 * requests, size limits, malformed bodies, media types and roles — and that no 4xx stores anything.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class IntakeApiTest {

    static final String AM = "/api/v1/monitoring/alertmanager";
    static final String EVENTS = "/api/v1/monitoring/events";

    /** Alertmanager's own v4 sample payload (a firing BlackBox probe failure), as the webhook notifier sends it. */
    static final String ALERTMANAGER_PAYLOAD = """
            {
              "receiver": "sms",
              "status": "firing",
              "alerts": [
                {
                  "status": "firing",
                  "labels": {
                    "alertname": "ProbeFailure",
                    "instance": "https://server.example.org",
                    "job": "http_checks",
                    "monitor": "master",
                    "severity": "critical"
                  },
                  "annotations": {
                    "description": "Instance https://server.example.org has been down for over 5m. Job: http_checks",
                    "summary": "BlackBox Probe Failure: https://server.example.org"
                  },
                  "startsAt": "2023-02-06T13:08:45.828Z",
                  "endsAt": "0001-01-01T00:00:00Z",
                  "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0\\u0026g0.tab=1",
                  "fingerprint": "1a30ba71cca2921f"
                },
                {
                  "status": "resolved",
                  "labels": {
                    "alertname": "HighLatency",
                    "instance": "db-01:9187",
                    "job": "postgres",
                    "severity": "warning"
                  },
                  "annotations": { "summary": "p99 over 500ms" },
                  "startsAt": "2023-02-06T12:58:45.828876543+02:00",
                  "endsAt": "2023-02-06T13:10:15.1Z",
                  "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=latency",
                  "fingerprint": "d8e6a2b7c1f04e93"
                }
              ],
              "groupLabels": { "alertname": "ProbeFailure" },
              "commonLabels": { "job": "http_checks" },
              "commonAnnotations": {},
              "externalURL": "http://prometheus.example.org:9093",
              "version": "4",
              "groupKey": "{}/{severity=\\"critical\\"}:{alertname=\\"ProbeFailure\\"}",
              "truncatedAlerts": 0
            }""";

    @Inject
    QueueProbe queue;

    static RequestSpecification source() {
        return given().header("Authorization", TestTokens.bearer("alertmanager", Roles.EVENT_SOURCE));
    }

    @Test
    void anAlertmanagerPayloadIsQueuedAsNormalizedAlerts() throws Exception {
        long before = queue.lastSeq();
        source().contentType("application/json").body(ALERTMANAGER_PAYLOAD).post(AM).then().statusCode(202)
                .body("accepted", equalTo(2)).body("rejected", hasSize(0));

        List<NormalizedAlert> stored = queue.after(before);
        assertEquals(2, stored.size());
        NormalizedAlert firing = stored.get(0);
        assertEquals(AlertSource.ALERTMANAGER, firing.source());
        assertEquals("sms", firing.sourceName());
        assertEquals(AlertStatus.FIRING, firing.status());
        assertEquals("1a30ba71cca2921f", firing.fingerprint());
        assertEquals("ProbeFailure", firing.name());
        assertEquals("critical", firing.severity());
        assertEquals("BlackBox Probe Failure: https://server.example.org", firing.summary());
        assertTrue(firing.description().startsWith("Instance https://server.example.org"));
        assertEquals("http_checks", firing.labels().get("job"));
        assertEquals(5, firing.labels().size());
        assertEquals(Instant.parse("2023-02-06T13:08:45.828Z"), firing.startsAt());
        assertNull(firing.endsAt(), "Go's zero time means not ended");
        assertEquals("http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1", firing.generatorUrl());
        assertNotNull(firing.receivedAt());

        NormalizedAlert resolved = stored.get(1);
        assertEquals(AlertStatus.RESOLVED, resolved.status());
        assertEquals(Instant.parse("2023-02-06T10:58:45.828876543Z"), resolved.startsAt());
        assertEquals(Instant.parse("2023-02-06T13:10:15.100Z"), resolved.endsAt());
        assertEquals("warning", resolved.severity());
    }

    @Test
    void unknownFieldsOfAlertmanagerAreIgnoredButAnotherVersionIsRefused() {
        long before = queue.lastSeq();
        String future = ALERTMANAGER_PAYLOAD.replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": 0, \"orgId\": 7");
        source().contentType("application/json").body(future).post(AM).then().statusCode(202).body("accepted", equalTo(2));
        long after = queue.lastSeq();

        source().contentType("application/json").body(ALERTMANAGER_PAYLOAD.replace("\"version\": \"4\"", "\"version\": \"5\""))
                .post(AM).then().statusCode(422).body("type", endsWith("/invalid-payload"))
                .body("errors.field", hasItem("/version"));
        assertEquals(after, queue.lastSeq());
        assertTrue(after > before);
    }

    @Test
    void aPartlyInvalidWebhookQueuesTheValidAlertsAndPointsAtEveryError() throws Exception {
        long before = queue.lastSeq();
        String body = """
                {"version":"4","receiver":"itsm","status":"firing","alerts":[
                  {"status":"firing","labels":{"alertname":"A","instance":"web-01:9100"},"startsAt":"2026-01-01T00:00:00Z"},
                  {"status":"burning","labels":{"instance":"x","bad-name":"v"},"startsAt":"yesterday","fingerprint":"f2"},
                  {"status":"firing","labels":{"alertname":"C"},"annotations":{"summary":%s},"startsAt":"2026-01-01T00:00:00Z"},
                  "not an alert"
                ]}""".formatted("\"" + "x".repeat(8_193) + "\"");
        source().contentType("application/json").body(body).post(AM).then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected.index", equalTo(List.of(1, 2, 3)))
                .body("rejected[0].fingerprint", equalTo("f2"))
                .body("rejected[0].errors.field", equalTo(List.of("/alerts/1/status", "/alerts/1/labels/bad-name",
                        "/alerts/1/labels/alertname", "/alerts/1/startsAt")))
                .body("rejected[1].errors.field", equalTo(List.of("/alerts/2/annotations/summary")))
                .body("rejected[2].errors.field", equalTo(List.of("/alerts/3")));
        assertEquals(List.of("A"), queue.after(before).stream().map(NormalizedAlert::name).toList());
    }

    @Test
    void labelLimitsAreEnforced() {
        StringBuilder labels = new StringBuilder("\"alertname\":\"Many\"");
        for (int i = 0; i < 64; i++) {
            labels.append(",\"l").append(i).append("\":\"v\"");
        }
        String body = """
                {"version":"4","alerts":[
                  {"status":"firing","labels":{%s},"startsAt":"2026-01-01T00:00:00Z"},
                  {"status":"firing","labels":{"alertname":"Long","v":"%s"},"startsAt":"2026-01-01T00:00:00Z","fingerprint":"%s"}
                ]}""".formatted(labels, "x".repeat(1_025), "f".repeat(65));
        source().contentType("application/json").body(body).post(AM).then().statusCode(422)
                .body("type", endsWith("/invalid-alerts"))
                .body("errors.field", equalTo(List.of("/alerts/0/labels", "/alerts/1/fingerprint", "/alerts/1/labels/v")))
                .body("rejected", hasSize(2));
    }

    @Test
    void whenEveryAlertIsInvalidNothingIsStored() {
        long before = queue.count();
        String body = """
                {"version":"4","alerts":[{"status":"firing","labels":{"instance":"a"},"startsAt":"2026-01-01T00:00:00Z"},
                                         {"status":"firing","labels":{"alertname":"B"}}]}""";
        source().contentType("application/json").body(body).post(AM).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-alerts"))
                .body("errors.field", equalTo(List.of("/alerts/0/labels/alertname", "/alerts/1/startsAt")));
        assertEquals(before, queue.count());
    }

    @Test
    void oversizedBodiesAndTooManyAlertsAre413AndStoreNothing() {
        long before = queue.count();
        String big = ALERTMANAGER_PAYLOAD.replace("\"p99 over 500ms\"", "\"p99 over 500ms\", \"padding\": \""
                + "x".repeat(1_100_000) + "\"");
        source().contentType("application/json").body(big).post(AM).then().statusCode(413)
                .contentType("application/problem+json").body("type", endsWith("/payload-too-large"));

        StringBuilder many = new StringBuilder("{\"version\":\"4\",\"alerts\":[");
        for (int i = 0; i < 1_001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"A").append(i)
                    .append("\"},\"startsAt\":\"2026-01-01T00:00:00Z\"}");
        }
        source().contentType("application/json").body(many.append("]}").toString()).post(AM).then().statusCode(413)
                .body("type", endsWith("/too-many-alerts")).body("maxAlerts", equalTo(1000));

        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 1_001; i++) {
            events.append(i == 0 ? "" : ",").append("{\"source\":\"t\",\"name\":\"N\"}");
        }
        source().contentType("application/json").body(events.append("]").toString()).post(EVENTS).then()
                .statusCode(413).body("type", endsWith("/too-many-alerts"));
        assertEquals(before, queue.count());
    }

    @Test
    void malformedJsonAndWrongMediaTypesAreProblems() {
        long before = queue.count();
        source().contentType("application/json").body("{\"version\":\"4\",\"alerts\":[").post(AM).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/malformed-json"));
        source().contentType("application/json").body("").post(AM).then().statusCode(400)
                .body("type", endsWith("/malformed-json"));
        source().contentType("text/plain").body("DiskFull on web-01").post(EVENTS).then().statusCode(415)
                .contentType("application/problem+json");
        source().contentType("application/cloudevents+json").body(ALERTMANAGER_PAYLOAD).post(AM).then().statusCode(415);
        assertEquals(before, queue.count());
    }

    @Test
    void onlyEventSourcesAndAdminsMayPost() {
        long before = queue.count();
        given().contentType("application/json").body(ALERTMANAGER_PAYLOAD).post(AM).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.expiredToken("am", Roles.EVENT_SOURCE))
                .contentType("application/json").body(ALERTMANAGER_PAYLOAD).post(AM).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT))
                .contentType("application/json").body(ALERTMANAGER_PAYLOAD).post(AM).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("rita", Roles.READER))
                .contentType("application/json").body("{\"source\":\"t\",\"name\":\"N\"}").post(EVENTS).then()
                .statusCode(403);
        assertEquals(before, queue.count());
        given().header("Authorization", TestTokens.bearer("root", Roles.ADMIN))
                .contentType("application/json").body("{\"source\":\"t\",\"name\":\"N\"}").post(EVENTS).then()
                .statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void aGenericEventBecomesAnAlertWithItsFieldsAsLabels() throws Exception {
        long before = queue.lastSeq();
        source().contentType("application/json").body("""
                {"source":"zabbix","dedupKey":"web-01/disk","name":"DiskFull","severity":"MAJOR","summary":"97% full",
                 "description":"/var","ci":"web-01","service":"6f1d1b9e-8c1a-4f5e-9d3b-2a7c4e5f6a7b",
                 "labels":{"mount":"/var"},"occurredAt":"2026-03-01T10:00:00Z"}""").post(EVENTS).then().statusCode(202)
                .body("accepted", equalTo(1));
        NormalizedAlert a = queue.after(before).get(0);
        assertEquals(AlertSource.GENERIC, a.source());
        assertEquals("zabbix", a.sourceName());
        assertEquals(AlertStatus.FIRING, a.status());
        assertEquals("web-01/disk", a.fingerprint());
        assertEquals("major", a.severity());
        assertEquals(java.util.Map.of("mount", "/var", "alertname", "DiskFull", "severity", "major", "ci", "web-01",
                "source", "zabbix", "service", "6f1d1b9e-8c1a-4f5e-9d3b-2a7c4e5f6a7b"), a.labels());
        assertEquals(java.util.Map.of("summary", "97% full", "description", "/var"), a.annotations());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), a.startsAt());
        assertNull(a.endsAt());
    }

    @Test
    void aGenericBatchRejectsOnlyItsInvalidEvents() throws Exception {
        long before = queue.lastSeq();
        source().contentType("application/json").body("""
                [{"source":"nagios","name":"Down","status":"RESOLVED"},
                 {"name":"NoSource","severity":"fatal","service":"not-a-uuid","dedupKey":"k2"},
                 {"source":"nagios","name":"Up"}]""").post(EVENTS).then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].fingerprint", equalTo("k2"))
                .body("rejected[0].errors.field", equalTo(List.of("/1/source", "/1/severity", "/1/service")));
        List<NormalizedAlert> stored = queue.after(before);
        assertEquals(List.of("Down", "Up"), stored.stream().map(NormalizedAlert::name).toList());
        assertEquals(AlertStatus.RESOLVED, stored.get(0).status());
        assertNotNull(stored.get(0).endsAt());
        assertEquals("warning", stored.get(1).severity());
        assertNull(stored.get(1).fingerprint());
    }

    @Test
    void aCloudEventTakesSourceSubjectAndTimeAsDefaults() throws Exception {
        long before = queue.lastSeq();
        source().contentType("application/cloudevents+json").body("""
                {"specversion":"1.0","id":"e1","source":"/zabbix/prod","type":"com.zabbix.problem",
                 "subject":"web-01/disk","time":"2026-03-01T10:00:00Z","datacontenttype":"application/json",
                 "data":{"name":"DiskFull","severity":"critical","ci":"web-01"}}""").post(EVENTS).then().statusCode(202)
                .body("accepted", equalTo(1));
        NormalizedAlert a = queue.after(before).get(0);
        assertEquals(AlertSource.CLOUDEVENTS, a.source());
        assertEquals("/zabbix/prod", a.sourceName());
        assertEquals("web-01/disk", a.fingerprint());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), a.startsAt());
        assertEquals("web-01", a.labels().get("ci"));
    }

    @Test
    void aCloudEventsBatchPointsIntoEachEventsData() throws Exception {
        long before = queue.lastSeq();
        source().contentType("application/cloudevents-batch+json").body("""
                [{"specversion":"1.0","id":"b1","source":"/nagios","type":"t","data":{"name":"Down","dedupKey":"own"}},
                 {"specversion":"0.3","id":"b2","source":"/nagios","type":"t","subject":"s2","data":{"severity":"x"}},
                 {"specversion":"1.0","id":"b3","source":"/nagios","type":"t"}]""").post(EVENTS).then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].fingerprint", equalTo("s2"))
                .body("rejected[0].errors.field", equalTo(List.of("/1/specversion", "/1/data/name", "/1/data/severity")))
                .body("rejected[1].errors.field", equalTo(List.of("/2/data")));
        NormalizedAlert a = queue.after(before).get(0);
        assertEquals("own", a.fingerprint());
        assertEquals("/nagios", a.sourceName());

        source().contentType("application/cloudevents-batch+json").body("{\"specversion\":\"1.0\"}").post(EVENTS)
                .then().statusCode(422).body("type", endsWith("/invalid-payload"));
    }
}
