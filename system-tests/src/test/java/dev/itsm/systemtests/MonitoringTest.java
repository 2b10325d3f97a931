package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.response.Response;

/**
 * Issue #20 "monitoring-service" as the suite meets it, through the gateway and the topics only: a catalogue of
 * two LIVE services and four CIs ({@code app-1} and {@code app-2} each serving one service and both depending on
 * {@code db-1}, {@code web-9} unrelated), an alert rule routing alerts to the CI named by their {@code instance}
 * label; Prometheus Alertmanager (a token of role {@code itsm-event-source}) posts its real v4 webhooks. Repeats
 * are deduplicated, the three alerts become one major alert group rooted at the database, incident-service opens
 * exactly one incident for it ({@code source MONITORING}, the group's id, major), and when Alertmanager says the
 * alerts resolved the group and the incident resolve. An alert on a CI inside a scheduled change's window is
 * suppressed and attached to that change as a suspect instead. Hostile webhooks are refused and store nothing.
 * Every monitoring event met validates against the AsyncAPI document the gateway serves at
 * {@code /asyncapi/monitoring.yaml}.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringTest {

    static final String CATALOG_ADMIN = ScenariosTest.CATALOG_ADMIN;
    static final String READER = ScenariosTest.READER;
    static final String AGENT = ScenariosTest.AGENT;
    static final String ADMIN = "itsm-admin";
    static final String EVENT_SOURCE = "itsm-event-source";
    static final String MONITORING = "/api/v1/monitoring";
    static final String WEBHOOK = MONITORING + "/alertmanager";
    static final String TOPIC = "itsm.monitoring.events";
    static final String TYPE = "dev.itsm.monitoring.";
    static final String GROUP = "itsm-monitoring-service";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    static String run;
    /** The Prometheus job of every alert of this run: the rule matches on it, so alerts of other tests never do. */
    static String job;
    static String serviceA;
    static String serviceB;
    static Map<String, String> ci = new LinkedHashMap<>(); // "db-1" -> id …
    static String ruleId;

    /** The catalogue and the alert rule, once every consumer that needs them has handled them. */
    @BeforeAll
    static void catalogueAndRule() {
        Suite.stack();
        run = UUID.randomUUID().toString().substring(0, 6);
        job = "node-" + run;
        serviceA = liveService("sys-mon-a-" + run);
        serviceB = liveService("sys-mon-b-" + run);
        for (String name : List.of("db-1", "app-1", "app-2", "web-9")) {
            ci.put(name, as("mon-cat-admin", CATALOG_ADMIN).body(Map.of("name", ciName(name),
                    "ciClass", name.startsWith("db") ? "database" : "application", "environment", "production"))
                    .post("/api/v1/catalog/cis").then().statusCode(201).extract().path("id"));
        }
        List<String> relations = List.of(
                relate("app-1", "hosts", "SERVICE", serviceA),
                relate("app-2", "hosts", "SERVICE", serviceB),
                relate("web-9", "hosts", "SERVICE", serviceA),
                relate("app-1", "depends_on", "CI", ci.get("db-1")),
                relate("app-2", "depends_on", "CI", ci.get("db-1")));
        // every relation on the topic (the catalogue's outbox keeps order: the services and CIs are there before them),
        // then monitoring-service's CI graph and incident-service's replica have them
        TopicReader.await(Suite.bootstrap(), "itsm.catalog.events", relations.size(), DEADLINE,
                r -> r.value() != null && relations.stream().anyMatch(r.value()::contains));
        ConsumerProgress.awaitCaughtUp(Suite.bootstrap(), GROUP, "itsm.catalog.events", DEADLINE);
        ConsumerProgress.awaitCaughtUp(Suite.bootstrap(), "itsm-incident-service", "itsm.catalog.events", DEADLINE);

        // an admin's rule: a regex that does not compile is refused with a pointer to it, then the rule is saved
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "Node alerts " + run);
        rule.put("description", "Alerts of the " + job + " job, on the CI its instance label names");
        rule.put("position", 10);
        rule.put("enabled", true);
        rule.put("matchers", List.of(Map.of("label", "job", "op", "EQ", "value", job),
                Map.of("label", "instance", "op", "REGEX", "value", "(app|db|web)-([0-9")));
        rule.put("ci", Map.of("from", "LABEL", "label", "instance"));
        rule.put("flapWindow", "PT1S");
        rule.put("autoResolve", true);
        rule.put("openIncident", true);
        Response refused = as("mon-admin", ADMIN).body(rule).post(MONITORING + "/rules");
        assertEquals(422, refused.statusCode(), refused.asString());
        assertProblem(refused);
        assertTrue(refused.jsonPath().getList("errors.field", String.class).contains("/matchers/1/value"),
                "the bad regex named by its pointer: " + refused.asString());
        rule.put("matchers", List.of(Map.of("label", "job", "op", "EQ", "value", job),
                Map.of("label", "instance", "op", "REGEX", "value", "(app|db|web)-[0-9]+-" + run)));
        Response created = as("mon-admin", ADMIN).header("Idempotency-Key", "mon-rule-" + run).body(rule)
                .post(MONITORING + "/rules");
        assertEquals(201, created.statusCode(), created.asString());
        ruleId = created.path("id");
        assertEquals("PT1S", created.path("flapWindow"), created.asString());
    }

    // ------------------------------------------------------------------ storm → one incident → resolved

    @Test
    @Order(1)
    void alertmanagerWebhooksAreDeduplicatedCorrelatedIntoOneMajorGroupOnTheDatabaseOneIncidentAndResolvedTogether()
            throws Exception {
        Instant startsAt = Instant.now().minusSeconds(90);
        Alertmanager.Alert app1 = Alertmanager.alert("HighErrorRate", ciName("app-1"), job, "critical",
                "5xx above 20 % on app-1", startsAt);
        Alertmanager.Alert app2 = Alertmanager.alert("HighErrorRate", ciName("app-2"), job, "critical",
                "5xx above 20 % on app-2", startsAt.plusSeconds(15));
        Alertmanager.Alert db1 = Alertmanager.alert("PostgresConnectionsExhausted", ciName("db-1"), job, "major",
                "db-1 refuses new connections", startsAt.plusSeconds(20));
        List<Alertmanager.Alert> all = List.of(app1, app2, db1);

        // Alertmanager's notifications: the first alert, the group grown; once the three alerts exist (so that the
        // repeats meet stored alerts, not entries of the same processing batch), the whole group re-sent twice
        post(Alertmanager.firing(job, List.of(app1)), 1);
        post(Alertmanager.firing(job, List.of(app2, db1)), 2);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (String name : List.of("app-1", "app-2", "db-1")) {
                assertEquals(1, alertsOn(ci.get(name)).size(), "the alert on " + name);
            }
        });
        post(Alertmanager.firing(job, all), 3);
        post(Alertmanager.firing(job, all), 3);

        // one alert per fingerprint, every notification counted
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (String name : List.of("app-1", "app-2", "db-1")) {
                List<Map<String, Object>> onCi = alertsOn(ci.get(name));
                assertEquals(1, onCi.size(), "one alert on " + name + ": " + onCi);
                assertEquals(3, ((Number) onCi.get(0).get("occurrences")).intValue(), "occurrences on " + name + ": " + onCi);
                alerts.put(name, onCi.get(0));
            }
        });
        for (Alertmanager.Alert a : all) {
            String name = a.labels().get("instance").substring(0, a.labels().get("instance").lastIndexOf('-'));
            Map<String, Object> alert = alerts.get(name);
            assertEquals(a.fingerprint(), alert.get("fingerprint"), alert.toString());
            assertEquals("FIRING", alert.get("state"), alert.toString());
            assertEquals(ciName(name), alert.get("ciName"), alert.toString());
            assertEquals(ruleId, alert.get("ruleId"), alert.toString());
            assertTrue(String.valueOf(alert.get("number")).startsWith("ALT"), alert.toString());
        }
        Set<String> alertIds = alerts.values().stream().map(MonitoringTest::id).collect(Collectors.toSet());

        // one group: rooted at the database all of them depend on, major (two services)
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Set<Object> groups = alertsOfRun().stream().filter(a -> alertIds.contains(id(a))).map(a -> a.get("groupId"))
                    .collect(Collectors.toSet());
            assertEquals(1, groups.size(), "the three alerts in one group: " + groups);
            assertNotNull(groups.iterator().next(), "grouped");
            Map<String, Object> group = group((String) groups.iterator().next());
            assertEquals(ci.get("db-1"), group.get("rootCiId"), "rooted at db-1: " + group);
            assertEquals(Boolean.TRUE, group.get("major"), group.toString());
            assertEquals(3, ((Number) group.get("alertCount")).intValue(), group.toString());
            found.set(group);
        });
        Map<String, Object> group = found.get();
        String groupId = id(group);
        assertEquals("OPEN", group.get("state"), group.toString());
        assertEquals(ciName("db-1"), group.get("rootCiName"), group.toString());
        assertEquals(Set.of(serviceA, serviceB), Set.copyOf(cast(group.get("serviceIds"))), group.toString());
        assertEquals(3, ((Number) group.get("firingCount")).intValue(), group.toString());
        assertTrue(String.valueOf(group.get("number")).startsWith("ALG"), group.toString());
        List<String> members = as("mon-reader", READER).get(MONITORING + "/alert-groups/" + groupId + "/alerts").then()
                .statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream().map(MonitoringTest::id)
                .toList();
        assertEquals(alertIds, Set.copyOf(members), "the group's alerts");

        // exactly one incident in incident-service, from monitoring, for the group, major
        AtomicReference<Map<String, Object>> incidentRef = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<Map<String, Object>> incidents = incidentsOfGroup(groupId);
            assertEquals(1, incidents.size(), "one incident for the group: " + incidents);
            assertEquals(Boolean.TRUE, incidents.get(0).get("majorIncident"), "declared major: " + incidents);
            incidentRef.set(incidents.get(0));
        });
        Map<String, Object> incident = incidentRef.get();
        String incidentId = id(incident);
        assertEquals("MONITORING", incident.get("source"), incident.toString());
        assertEquals(groupId, incident.get("alertGroupId"), incident.toString());

        // the group shows its incident
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Map<String, Object> linked = cast(group(groupId).get("incident"));
            assertNotNull(linked, "the group's incident");
            assertEquals(incidentId, linked.get("incidentId"), linked.toString());
            assertEquals(incident.get("number"), linked.get("number"), linked.toString());
        });

        // Alertmanager says they resolved: the group resolves (after the rule's 1 s flap window), then the incident
        post(Alertmanager.resolved(job, all, Instant.now()), 3);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> "RESOLVED".equals(group(groupId).get("state")));
        for (String alertId : alertIds) {
            as("mon-reader", READER).get(MONITORING + "/alerts/" + alertId).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("RESOLVED"));
        }
        JsonNode groupResolved = payload(one(groupId, "AlertGroupResolved"));
        String note = groupResolved.path("resolutionNote").asText("");
        assertFalse(note.isBlank(), "a resolution note: " + groupResolved);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Map<String, Object> resolved = as("mon-reader", READER).get("/api/v1/incidents/" + incidentId).then()
                    .statusCode(200).extract().jsonPath().getMap("$");
            assertEquals("RESOLVED", resolved.get("state"), resolved.toString());
            assertTrue(String.valueOf(resolved.get("resolutionNotes")).contains(note),
                    "the group's resolution note on the incident: " + resolved);
        });
        assertEquals(1, incidentsOfGroup(groupId).size(), "still one incident for the group");

        // the topics: one AlertRaised and one AlertResolved per alert, the repeats deduplicated, the group opened once
        List<Received> monitoring = WholeTopic.read(Suite.bootstrap(), TOPIC);
        for (String alertId : alertIds) {
            assertEquals(1, count(monitoring, alertId, "AlertRaised"), "one AlertRaised for " + alertId);
            assertEquals(1, count(monitoring, alertId, "AlertResolved"), "one AlertResolved for " + alertId);
            // repeats are announced at most once per alert per monitoring.dedup.announce-every (10 s): the first
            // re-send is announced at once, the second may wait for the next announcement; AlertResolved has them all
            int repeats = monitoring.stream().filter(r -> alertId.equals(r.key()) && (TYPE + "AlertDeduplicated").equals(r.ceType()))
                    .mapToInt(r -> payload(r).path("repeats").asInt()).sum();
            assertTrue(repeats >= 1 && repeats <= 2, repeats + " repeats of " + alertId + " announced, of 2");
            long occurrences = monitoring.stream().filter(r -> alertId.equals(r.key()) && (TYPE + "AlertResolved").equals(r.ceType()))
                    .mapToLong(r -> payload(r).path("occurrences").asLong()).max().orElse(0);
            assertEquals(3, occurrences, "AlertResolved of " + alertId + " counts the alert and its two repeats");
        }
        assertEquals(1, count(monitoring, groupId, "AlertGroupOpened"), "the group opened once");
        assertEquals(1, count(monitoring, groupId, "AlertGroupResolved"), "the group resolved once");
        Set<String> correlated = monitoring.stream().filter(r -> groupId.equals(r.key())
                && (TYPE + "AlertCorrelated").equals(r.ceType())).map(r -> payload(r).path("alert").path("alertId").asText())
                .collect(Collectors.toSet());
        assertEquals(alertIds, correlated, "each alert correlated into the group (key = the group)");
        List<Received> opened = WholeTopic.read(Suite.bootstrap(), "itsm.incident.events").stream()
                .filter(r -> "dev.itsm.incident.IncidentOpened".equals(r.ceType())
                        && groupId.equals(payload(r).path("alertGroupId").asText(null)))
                .toList();
        assertEquals(1, opened.size(), "one IncidentOpened for the group on itsm.incident.events");

        Set<String> keys = new HashSet<>(alertIds);
        keys.add(groupId);
        assertMonitoringEventsMatchTheAsyncApi(keys);
        assertIncidentEventsMatchTheAsyncApi(incidentId);
    }

    // ------------------------------------------------------------------ a change window: suspect, not incident

    @Test
    @Order(2)
    void anAlertOnACiInsideAScheduledChangeWindowIsSuppressedAndASuspectOfTheChangeWithoutAnIncident() throws Exception {
        // a NORMAL change on web-9 whose window began a minute ago (scheduling allows 5 minutes of past start)
        String changeId = ScenariosTest.normalChange("Upgrade the web tier on " + ciName("web-9"), ci.get("web-9"),
                Instant.now().minus(Duration.ofMinutes(1)));
        ScenariosTest.changeAs("rita").post("/api/v1/changes/" + changeId + "/schedule").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("SCHEDULED"));
        String changeNumber = ScenariosTest.changeAs("rita").get("/api/v1/changes/" + changeId).path("number");
        TopicReader.await(Suite.bootstrap(), "itsm.change.events", 1, DEADLINE,
                r -> changeId.equals(r.key()) && "dev.itsm.change.ChangeScheduled".equals(r.ceType()));
        ConsumerProgress.awaitCaughtUp(Suite.bootstrap(), GROUP, "itsm.change.events", DEADLINE);

        Alertmanager.Alert web9 = Alertmanager.alert("HttpProbeFailed", ciName("web-9"), job, "critical",
                "web-9 answers 503 to the blackbox probe", Instant.now().minusSeconds(30));
        post(Alertmanager.firing(job, List.of(web9)), 1);
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<Map<String, Object>> onCi = alertsOn(ci.get("web-9"));
            assertEquals(1, onCi.size(), onCi.toString());
            assertNotNull(onCi.get(0).get("suppression"), "suppressed: " + onCi);
            found.set(onCi.get(0));
        });
        Map<String, Object> alert = found.get();
        String alertId = id(alert);
        Map<String, Object> suppression = cast(alert.get("suppression"));
        assertEquals("CHANGE_WINDOW", suppression.get("reason"), alert.toString());
        assertEquals(changeId, suppression.get("changeId"), alert.toString());
        assertEquals(changeNumber, suppression.get("changeNumber"), alert.toString());
        assertEquals("FIRING", alert.get("state"), alert.toString());
        assertNull(alert.get("groupId"), "a suppressed alert opens no group: " + alert);
        assertTrue(as("mon-reader", READER).queryParam("suppressed", true).queryParam("size", 200).get(MONITORING + "/alerts")
                .then().statusCode(200).extract().jsonPath().getList("items", Map.class).stream()
                .anyMatch(a -> alertId.equals(id(cast(a)))), "listed among the suppressed alerts");

        // change-service lists it as a suspect of the change
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<Map<String, Object>> suspects = ScenariosTest.changeAs("rita").get("/api/v1/changes/" + changeId
                    + "/suspect-alerts").then().statusCode(200).extract().jsonPath().getList("items");
            assertEquals(List.of(alertId), suspects.stream().map(s -> String.valueOf(s.get("alertId"))).toList(),
                    "the change's suspect alerts");
            assertEquals(ci.get("web-9"), suspects.get(0).get("ciId"), suspects.toString());
            assertEquals("HttpProbeFailed", suspects.get(0).get("name"), suspects.toString());
        });

        // no incident: suppressed on the topic, never correlated, no monitoring incident on web-9
        Received suppressed = one(alertId, "AlertSuppressed");
        assertEquals("CHANGE_WINDOW", payload(suppressed).path("suppression").path("reason").asText(), suppressed.value());
        List<Received> monitoring = WholeTopic.read(Suite.bootstrap(), TOPIC);
        assertEquals(0, monitoring.stream().filter(r -> (TYPE + "AlertCorrelated").equals(r.ceType())
                && alertId.equals(payload(r).path("alert").path("alertId").asText())).count(), "never correlated");
        List<Map<String, Object>> onWeb9 = as("mon-reader", READER).queryParam("source", "MONITORING").queryParam("size", 200)
                .get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items")
                .stream().filter(i -> ci.get("web-9").equals(i.get("ciId"))).toList();
        assertEquals(List.of(), onWeb9, "no monitoring incident on web-9");

        // it clears; the change's suspect shows the new state
        post(Alertmanager.resolved(job, List.of(web9), Instant.now()), 1);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertEquals("RESOLVED", ScenariosTest.changeAs("rita").get("/api/v1/changes/" + changeId + "/suspect-alerts")
                        .then().statusCode(200).extract().jsonPath().getString("items[0].state")));
        assertMonitoringEventsMatchTheAsyncApi(Set.of(alertId));
    }

    // ------------------------------------------------------------------ hostile webhooks

    @Test
    @Order(3)
    void hostileWebhooksAreRefusedWithProblemsAndStoreNothingWhileAPartlyInvalidBatchNamesEachRejectedAlert() {
        Instant now = Instant.now();
        String token = Suite.token("alertmanager", EVENT_SOURCE);
        List<String> neverStored = new ArrayList<>();

        // the wrong role, no token
        Alertmanager.Alert byAgent = Alertmanager.alert("ByAgent" + run, "nowhere-" + run, job, "warning", "posted by an agent", now);
        neverStored.add(byAgent.name());
        as("mon-agent", AGENT).body(Alertmanager.firing(job, List.of(byAgent)).toString()).post(WEBHOOK).then()
                .statusCode(403).contentType("application/problem+json");
        Alertmanager.Alert anonymous = Alertmanager.alert("Anonymous" + run, "nowhere-" + run, job, "warning", "no token", now);
        neverStored.add(anonymous.name());
        Suite.anonymous().contentType("application/json").body(Alertmanager.firing(job, List.of(anonymous)).toString())
                .post(WEBHOOK).then().statusCode(401).contentType("application/problem+json");

        // over 1 MiB (each annotation within its own limit), more than 1,000 alerts, malformed, another version, media type
        List<Alertmanager.Alert> big = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Alertmanager.Alert a = Alertmanager.alert("Oversize" + run, "nowhere-" + i, job, "warning", "big", now);
            Map<String, String> annotations = new LinkedHashMap<>(a.annotations());
            annotations.put("description", "x".repeat(8000));
            big.add(new Alertmanager.Alert(a.labels(), annotations, now));
        }
        neverStored.add("Oversize" + run);
        Response oversize = webhook(token, Alertmanager.firing(job, big).toString(), "application/json");
        assertEquals(413, oversize.statusCode(), abbreviated(oversize));
        assertProblem(oversize);
        assertTrue(oversize.<String>path("type").endsWith("/payload-too-large"), abbreviated(oversize));
        List<Alertmanager.Alert> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(Alertmanager.alert("TooMany" + run, "nowhere-" + i, job, "info", "one of many", now));
        }
        neverStored.add("TooMany" + run);
        Response tooMany = webhook(token, Alertmanager.firing(job, many).toString(), "application/json");
        assertEquals(413, tooMany.statusCode(), abbreviated(tooMany));
        assertProblem(tooMany);
        assertTrue(tooMany.<String>path("type").endsWith("/too-many-alerts"), abbreviated(tooMany));
        Response malformed = webhook(token, "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"labels\":", "application/json");
        assertEquals(400, malformed.statusCode(), malformed.asString());
        assertProblem(malformed);
        Alertmanager.Alert v3 = Alertmanager.alert("Version3" + run, "nowhere-" + run, job, "warning", "old format", now);
        neverStored.add(v3.name());
        ObjectNode version3 = Alertmanager.firing(job, List.of(v3));
        version3.put("version", "3");
        Response oldVersion = webhook(token, version3.toString(), "application/json");
        assertEquals(422, oldVersion.statusCode(), oldVersion.asString());
        assertProblem(oldVersion);
        Alertmanager.Alert plain = Alertmanager.alert("PlainText" + run, "nowhere-" + run, job, "warning", "text", now);
        neverStored.add(plain.name());
        Response wrongType = webhook(token, Alertmanager.firing(job, List.of(plain)).toString(), "text/plain");
        assertEquals(415, wrongType.statusCode(), wrongType.asString());
        assertProblem(wrongType);

        // a batch with two bad alerts: 202, the good one accepted, each bad one named with JSON pointers
        Alertmanager.Alert good = Alertmanager.alert("Accepted" + run, "nowhere-" + run, job, "warning", "fine", now);
        Alertmanager.Alert noStart = Alertmanager.alert("NoStartsAt" + run, "nowhere-" + run, job, "warning", "no start", now);
        Alertmanager.Alert badLabel = Alertmanager.alert("BadLabel" + run, "nowhere-" + run, job, "warning", "bad label", now);
        neverStored.add(noStart.name());
        neverStored.add(badLabel.name());
        ObjectNode batch = Alertmanager.firing(job, List.of(good, noStart, badLabel));
        ArrayNode items = (ArrayNode) batch.get("alerts");
        ((ObjectNode) items.get(1)).remove("startsAt");
        ((ObjectNode) items.get(2).get("labels")).put("not-a-label-name!", "x");
        Response partly = webhook(token, batch.toString(), "application/json");
        assertEquals(202, partly.statusCode(), partly.asString());
        assertEquals(1, partly.jsonPath().getInt("accepted"), partly.asString());
        assertEquals(List.of(1, 2), partly.jsonPath().getList("rejected.index", Integer.class), partly.asString());
        List<String> startFields = partly.jsonPath().getList("rejected[0].errors.field", String.class);
        assertTrue(startFields.contains("/alerts/1/startsAt"), "the missing startsAt by its pointer: " + partly.asString());
        List<String> labelFields = partly.jsonPath().getList("rejected[1].errors.field", String.class);
        assertTrue(!labelFields.isEmpty() && labelFields.stream().allMatch(f -> f.startsWith("/alerts/2/labels")),
                "the bad label name by its pointer: " + partly.asString());
        assertEquals(badLabel.fingerprint(), partly.jsonPath().getString("rejected[1].fingerprint"), partly.asString());

        // the accepted one is processed after anything posted before it (one queue, in order): the refused ones are not there
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> alertsNamed(good.name()).size() == 1);
        for (String name : neverStored) {
            assertEquals(List.of(), alertsNamed(name), name + " must not have been stored");
        }
        assertNotNull(alertsNamed(good.name()).get(0).get("unroutedReason"),
                "an alert on a CI nobody knows is unrouted: " + alertsNamed(good.name()));
    }

    // ------------------------------------------------------------------ helpers

    static String ciName(String name) {
        return name + "-" + run;
    }

    static String liveService(String key) {
        String id = as("mon-cat-admin", CATALOG_ADMIN).body(Map.of("key", key, "name", "Service " + key, "type", "BUSINESS",
                "owner", "ops-team", "utility", "Lets people work")).post("/api/v1/catalog/services").then().statusCode(201)
                .extract().path("id");
        as("mon-cat-admin", CATALOG_ADMIN).post("/api/v1/catalog/services/" + id + "/go-live").then().statusCode(200);
        return id;
    }

    /** {@code source relation target}; returns the relation's id. */
    static String relate(String source, String relation, String targetType, String targetId) {
        return as("mon-cat-admin", CATALOG_ADMIN).body(Map.of("relation", relation, "targetType", targetType, "targetId", targetId))
                .post("/api/v1/catalog/cis/" + ci.get(source) + "/relations").then().statusCode(201).extract().path("id");
    }

    /** POSTs an Alertmanager notification as Alertmanager (role itsm-event-source): 202, every alert accepted. */
    static void post(ObjectNode webhook, int alerts) {
        Response r = webhook(Suite.token("alertmanager", EVENT_SOURCE), webhook.toString(), "application/json");
        assertEquals(202, r.statusCode(), r.asString());
        assertEquals(alerts, r.jsonPath().getInt("accepted"), r.asString());
        assertEquals(List.of(), r.jsonPath().getList("rejected"), r.asString());
    }

    static Response webhook(String token, String body, String contentType) {
        return Suite.anonymous().header("Authorization", "Bearer " + token).contentType(contentType).body(body).post(WEBHOOK);
    }

    static List<Map<String, Object>> alertsOn(String ciId) {
        return as("mon-reader", READER).queryParam("ciId", ciId).queryParam("size", 200).get(MONITORING + "/alerts").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    static List<Map<String, Object>> alertsNamed(String name) {
        return as("mon-reader", READER).queryParam("name", name).queryParam("size", 200).get(MONITORING + "/alerts").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    /** The alerts on this run's CIs. */
    static List<Map<String, Object>> alertsOfRun() {
        List<Map<String, Object>> all = new ArrayList<>();
        ci.values().forEach(id -> all.addAll(alertsOn(id)));
        return all;
    }

    static Map<String, Object> group(String groupId) {
        return as("mon-reader", READER).get(MONITORING + "/alert-groups/" + groupId).then().statusCode(200).extract()
                .jsonPath().getMap("$");
    }

    static List<Map<String, Object>> incidentsOfGroup(String groupId) {
        return as("mon-reader", READER).queryParam("source", "MONITORING").queryParam("alertGroupId", groupId)
                .get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** A view's id, whatever it calls it ({@code id}, {@code alertId}, {@code groupId} of a group view). */
    static String id(Map<String, Object> view) {
        for (String field : List.of("id", "alertId")) {
            if (view.get(field) != null) {
                return String.valueOf(view.get(field));
            }
        }
        if (view.get("groupId") != null && view.get("alertCount") != null) {
            return String.valueOf(view.get("groupId"));
        }
        throw new AssertionError("no id in " + view);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }

    static void assertProblem(Response r) {
        assertEquals("application/problem+json", String.valueOf(r.contentType()).split(";")[0], abbreviated(r));
    }

    static String abbreviated(Response r) {
        String body = r.asString();
        return r.statusCode() + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
    }

    static long count(List<Received> records, String key, String type) {
        return records.stream().filter(r -> key.equals(r.key()) && (TYPE + type).equals(r.ceType())).count();
    }

    /** The one record of {@code type} for {@code key} on the monitoring topic (waits for it). */
    static Received one(String key, String type) {
        List<Received> found = TopicReader.await(Suite.bootstrap(), TOPIC, 1, DEADLINE,
                r -> key.equals(r.key()) && (TYPE + type).equals(r.ceType()));
        assertEquals(1, found.size(), type + " for " + key);
        return found.get(0);
    }

    static JsonNode payload(Received r) {
        try {
            return OpenApiFuzzer.JSON.readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.value(), e);
        }
    }

    /**
     * Every record of the given alerts and groups, read whole from {@code itsm.monitoring.events}, validates against
     * the AsyncAPI document the gateway serves at {@code /asyncapi/monitoring.yaml}, carries monitoring-service's
     * {@code ce_source}, and no {@code ce_id} is there twice.
     */
    static void assertMonitoringEventsMatchTheAsyncApi(Set<String> keys) throws Exception {
        List<Received> records = WholeTopic.read(Suite.bootstrap(), TOPIC).stream().filter(r -> keys.contains(r.key())).toList();
        assertFalse(records.isEmpty(), "records of " + keys);
        List<String> failures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        records.stream().filter(r -> !ids.add(r.ceId())).forEach(r -> failures.add(r.ceType() + " " + r.ceId() + " twice"));
        records.stream().filter(r -> !"/itsm/monitoring-service".equals(r.header("ce_source")))
                .forEach(r -> failures.add(r.ceType() + " from " + r.header("ce_source")));
        failures.addAll(servedAsyncApi("monitoring").violations(records));
        System.out.println("AsyncAPI-checked monitoring-service events (/asyncapi/monitoring.yaml): "
                + records.stream().map(r -> r.ceType().substring(TYPE.length())).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(List.of(), failures);
    }

    /** The incident's records validate against incident-service's document (now with source and alertGroupId). */
    static void assertIncidentEventsMatchTheAsyncApi(String incidentId) throws Exception {
        List<Received> records = WholeTopic.read(Suite.bootstrap(), "itsm.incident.events").stream()
                .filter(r -> incidentId.equals(r.key())).toList();
        assertFalse(records.isEmpty(), "records of incident " + incidentId);
        assertEquals(List.of(), ProblemsTest.asyncApi("incident-service").violations(records));
        System.out.println("AsyncAPI-checked incident-service events of the monitoring incident: "
                + records.stream().map(r -> r.ceType().substring(r.ceType().lastIndexOf('.') + 1))
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * The AsyncAPI document as the gateway serves it to integrators ({@code /asyncapi/<service>.yaml}); the test kit's
     * validator reads {@code asyncapi.yaml} from the context class loader, so it is given one that sees only a copy.
     */
    static AsyncApiValidator servedAsyncApi(String service) throws Exception {
        Response served = Suite.anonymous().get("/asyncapi/" + service + ".yaml");
        assertEquals(200, served.statusCode(), "/asyncapi/" + service + ".yaml at the gateway: " + abbreviated(served));
        Path dir = Path.of("target", "asyncapi-served", service).toAbsolutePath();
        Files.createDirectories(dir);
        Files.write(dir.resolve("asyncapi.yaml"), served.asByteArray());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader only = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
            thread.setContextClassLoader(only);
            try (InputStream check = only.getResourceAsStream("asyncapi.yaml")) {
                assertNotNull(check, "the served asyncapi.yaml of " + service);
            }
            return AsyncApiValidator.load();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
