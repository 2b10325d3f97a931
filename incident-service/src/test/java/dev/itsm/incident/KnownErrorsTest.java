package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.agent;
import static dev.itsm.incident.Fixtures.command;
import static dev.itsm.incident.Fixtures.count;
import static dev.itsm.incident.Fixtures.newIncident;
import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Known errors of problem management (itsm.problem.events, published here as problem-service would):
 * linked open incidents get the workaround, new incidents on a matching CI or service start with it,
 * retired ones stop matching, and nothing is written twice.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class KnownErrorsTest {

    static final String PROBLEM_TOPIC = "itsm.problem.events";

    /** One problem with its known error, as problem-service publishes it (ProblemFacts flattened + knownError). */
    static final class KnownError {
        final UUID problemId = UUID.randomUUID();
        final UUID knownErrorId = UUID.randomUUID();
        final String number;
        final String problemNumber;
        final String title;
        final List<UUID> serviceIds;
        final List<UUID> ciIds;

        KnownError(String number, String problemNumber, String title, List<UUID> serviceIds, List<UUID> ciIds) {
            this.number = number;
            this.problemNumber = problemNumber;
            this.title = title;
            this.serviceIds = serviceIds;
            this.ciIds = ciIds;
        }

        Map<String, Object> problemFacts(String state, String workaround, List<String> linkedIncidentIds, Instant at) {
            Map<String, Object> m = new HashMap<>();
            m.put("problemId", problemId.toString());
            m.put("number", problemNumber);
            m.put("title", "Problem: " + title);
            m.put("description", null);
            m.put("serviceIds", strings(serviceIds));
            m.put("ciIds", strings(ciIds));
            m.put("impact", "HIGH");
            m.put("urgency", "MEDIUM");
            m.put("priority", "P2");
            m.put("state", state);
            m.put("rootCauseCategory", "CAPACITY");
            m.put("rootCauseAnalysis", "Connection pool too small");
            m.put("workaround", workaround);
            m.put("knownErrorId", knownErrorId.toString());
            m.put("linkedIncidentIds", linkedIncidentIds);
            m.put("linkedIncidentCount", linkedIncidentIds.size());
            m.put("linkedChangeIds", List.of());
            m.put("reopenCount", 0);
            m.put("loggedBy", "pat");
            m.put("loggedAt", at.minusSeconds(3600).toString());
            m.put("version", 3);
            m.put("occurredAt", at.toString());
            return m;
        }

        Map<String, Object> event(String status, int revision, String workaround, List<String> linkedIncidentIds, Instant at) {
            Map<String, Object> m = problemFacts(status.equals("ACTIVE") ? "KNOWN_ERROR" : "CLOSED", workaround,
                    linkedIncidentIds, at);
            Map<String, Object> ke = new HashMap<>();
            ke.put("knownErrorId", knownErrorId.toString());
            ke.put("number", number);
            ke.put("title", title);
            ke.put("symptoms", "HTTP 504 at checkout");
            ke.put("workaround", workaround);
            ke.put("rootCause", "Connection pool too small");
            ke.put("serviceIds", strings(serviceIds));
            ke.put("ciIds", strings(ciIds));
            ke.put("state", status);
            ke.put("revision", revision);
            ke.put("publishedAt", at.toString());
            ke.put("retiredAt", status.equals("ACTIVE") ? null : at.toString());
            m.put("knownError", ke);
            return m;
        }

        String publish(int revision, String workaround, List<String> linkedIncidentIds, Instant at) {
            return CloudEventPublisher.publish("problem", "KnownErrorPublished", problemId.toString(),
                    event("ACTIVE", revision, workaround, linkedIncidentIds, at));
        }

        String note(String workaround) {
            return "Known error " + number + " (problem " + problemNumber + "): " + title + ". Workaround: " + workaround;
        }
    }

    static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    static void awaitHandled(String ceId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from processed_event where event_id = ?", ceId) == 1);
    }

    /** A LIVE service of this test's own, so no other test's incidents match its known errors. */
    static UUID ownService() {
        UUID id = UUID.randomUUID();
        Fixtures.publishService("ServiceCreated", id, "Checkout " + id.toString().substring(0, 8), "LIVE");
        return id;
    }

    static UUID ownCi() {
        UUID ciId = UUID.randomUUID();
        Map<String, Object> ci = new HashMap<>(Map.of("ciId", ciId.toString(), "name", "pay-gw-" + ciId.toString().substring(0, 4),
                "ciClass", "application", "status", "OPERATIONAL", "deleted", false, "occurredAt", Instant.now().toString()));
        CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ciId.toString(), ci);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from catalog_ci where ci_id = ?", ciId) == 1);
        return ciId;
    }

    static String openOn(UUID serviceId, UUID ciId) {
        Map<String, Object> body = newIncident(serviceId, "MEDIUM", "MEDIUM");
        if (ciId != null) {
            body.put("ciId", ciId.toString());
        }
        return open(body);
    }

    static JsonPath notes(String incidentId) {
        return reader().get("/api/v1/incidents/" + incidentId + "/notes").then().statusCode(200).extract().jsonPath();
    }

    static List<String> types(List<Received> records) {
        return records.stream().map(r -> r.ceType().substring("dev.itsm.incident.".length())).toList();
    }

    @Test
    void aPublishedKnownErrorAnnotatesOpenLinkedIncidentsAndLeavesResolvedOnesAlone() throws Exception {
        UUID service = ownService();
        KnownError ke = new KnownError("KE0001000", "PRB0001000", "Checkout times out", List.of(service), List.of());
        String openOne = openOn(service, null);
        String resolved = openOn(service, null);
        command(resolved, "acknowledge", null).then().statusCode(200);
        command(resolved, "resolve", Map.of("resolutionCode", "WORKAROUND", "notes", "restarted")).then().statusCode(200);
        Fixtures.events(resolved, 3);
        // the resolved incident matches the known error's service too; its intake happened before the known error existed
        String ceId = ke.publish(1, "Restart the payment gateway", List.of(openOne, resolved, UUID.randomUUID().toString()),
                Instant.now());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reader().get("/api/v1/incidents/" + openOne).then()
                .body("knownErrorId", equalTo(ke.knownErrorId.toString())));
        JsonPath notes = notes(openOne);
        assertEquals(1, notes.getList("items").size());
        assertEquals("WORK_NOTE", notes.getString("items[0].kind"));
        assertEquals("problem-service", notes.getString("items[0].author"));
        assertEquals(ke.note("Restart the payment gateway"), notes.getString("items[0].text"));

        JsonPath history = reader().get("/api/v1/incidents/" + openOne + "/history").then().extract().jsonPath();
        assertEquals("known-error", history.getString("items[1].action"));
        assertEquals("problem-service", history.getString("items[1].actor"));
        assertEquals("knownErrorId", history.getString("items[1].changes[0].field"));
        assertEquals(ke.knownErrorId.toString(), history.getString("items[1].changes[0].to"));

        List<Received> events = Fixtures.events(openOne, 2);
        assertEquals(List.of("IncidentOpened", "IncidentUpdated"), types(events));
        AsyncApiValidator.load().assertValid(events);
        JsonNode updated = Fixtures.JSON.readTree(events.get(1).value());
        assertEquals(List.of("knownErrorId"), Fixtures.JSON.convertValue(updated.get("changedFields"), List.class));
        assertEquals(ke.knownErrorId.toString(), updated.get("knownErrorId").asText());

        // the resolved one: no known error, no note, no history, no event (an unknown incident is skipped, not dead-lettered)
        awaitHandled(ceId);
        reader().get("/api/v1/incidents/" + resolved).then().body("knownErrorId", nullValue());
        assertEquals(0, notes(resolved).getList("items").size());
        assertEquals(3, reader().get("/api/v1/incidents/" + resolved + "/history").jsonPath().getList("items").size());
        command(resolved, "close", null).then().statusCode(200);
        assertEquals(List.of("IncidentOpened", "IncidentAcknowledged", "IncidentResolved", "IncidentClosed"),
                types(Fixtures.events(resolved, 4)));
    }

    @Test
    void aRedeliveredOrRepeatedPublicationWritesOneNoteAndARevisionWritesTheNewWorkaround() {
        UUID service = ownService();
        KnownError ke = new KnownError("KE0001001", "PRB0001001", "Search returns stale results", List.of(service), List.of());
        String incident = openOn(service, null);
        Instant t = Instant.now();
        Map<String, Object> first = ke.event("ACTIVE", 1, "Clear the search cache", List.of(incident), t);
        String ceId = UUID.randomUUID().toString();
        CloudEventPublisher.publish("problem", "KnownErrorPublished", ke.problemId.toString(), ceId, first);
        await().atMost(Duration.ofSeconds(30)).until(() -> notes(incident).getList("items").size() == 1);

        // the same event again (same ce_id: the inbox), and the same revision published again (a new ce_id)
        CloudEventPublisher.publish("problem", "KnownErrorPublished", ke.problemId.toString(), ceId, first);
        awaitHandled(ke.publish(1, "Clear the search cache", List.of(incident), t.plusSeconds(1)));
        assertEquals(1, notes(incident).getList("items").size(), "one note for one revision");

        // a revision: a note with the new workaround; the known error itself did not change
        awaitHandled(ke.publish(2, "Rebuild the search index", List.of(incident), t.plusSeconds(2)));
        JsonPath notes = notes(incident);
        assertEquals(List.of(ke.note("Clear the search cache"), ke.note("Rebuild the search index")), notes.getList("items.text"));
        // the view shows the revised workaround (it matches the incident's service)
        reader().get("/api/v1/incidents/" + incident).then().body("knownErrors[0].workaround", equalTo("Rebuild the search index"));

        // an older revision arriving late changes nothing
        awaitHandled(ke.publish(1, "Clear the search cache", List.of(incident), t.minusSeconds(60)));
        assertEquals(2, notes(incident).getList("items").size());
        reader().get("/api/v1/incidents/" + incident).then().body("knownErrors[0].workaround", equalTo("Rebuild the search index"));

        // one IncidentUpdated only: the next event of the incident follows it directly
        command(incident, "acknowledge", null).then().statusCode(200);
        assertEquals(List.of("IncidentOpened", "IncidentUpdated", "IncidentAcknowledged"), types(Fixtures.events(incident, 3)));
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", ceId));
    }

    @Test
    void aNewIncidentShowsTheFiveNewestMatchesAndStartsWithTheThreeNewestWorkarounds() {
        UUID service = ownService();
        Instant t = Instant.now();
        List<KnownError> known = new java.util.ArrayList<>();
        for (int k = 0; k < 6; k++) {
            KnownError ke = new KnownError("KE00020" + k, "PRB00020" + k, "Slow page " + k, List.of(service), List.of());
            awaitHandled(ke.publish(1, "Workaround " + k, List.of(), t.plusSeconds(k)));
            known.add(ke);
        }
        JsonPath created = agent().body(newIncident(service, "MEDIUM", "MEDIUM")).post("/api/v1/incidents")
                .then().statusCode(201).extract().jsonPath();
        // newest first: published at t+5 … t+1; the oldest (t) is beyond the five shown
        assertEquals(List.of("KE000205", "KE000204", "KE000203", "KE000202", "KE000201"),
                created.getList("knownErrors.number"));
        String incident = created.getString("id");
        assertEquals(created.<Object>getList("knownErrors"),
                reader().get("/api/v1/incidents/" + incident).then().statusCode(200).extract().jsonPath().getList("knownErrors"));
        List<String> texts = notes(incident).getList("items.text");
        assertEquals(3, texts.size(), texts.toString());
        for (int k = 3; k <= 5; k++) {
            String workaround = "Workaround: Workaround " + k;
            assertTrue(texts.stream().anyMatch(n -> n.endsWith(workaround)), texts.toString());
        }
    }

    @Test
    void aNewIncidentOnAMatchingCiShowsTheKnownErrorsAndStartsWithTheirWorkarounds() {
        UUID service = ownService();
        UUID ci = ownCi();
        KnownError onService = new KnownError("KE0001002", "PRB0001002", "Checkout slow at peak", List.of(service), List.of());
        KnownError onCi = new KnownError("KE0001003", "PRB0001003", "Payment gateway drops connections", List.of(),
                List.of(ci, UUID.randomUUID()));
        Instant t = Instant.now();
        awaitHandled(onService.publish(1, "Scale out the web tier", List.of(), t));
        awaitHandled(onCi.publish(1, "Restart pay-gw", List.of(), t.plusSeconds(1)));

        Map<String, Object> body = newIncident(service, "MEDIUM", "MEDIUM");
        body.put("ciId", ci.toString());
        JsonPath created = agent().body(body).post("/api/v1/incidents").then().statusCode(201).extract().jsonPath();
        String incident = created.getString("id");
        JsonPath view = reader().get("/api/v1/incidents/" + incident).then().statusCode(200).extract().jsonPath();
        // the 201 (built from what opening the incident read) shows what a later GET shows
        assertEquals(view.getString("serviceName"), created.getString("serviceName"));
        assertEquals(view.<Object>getList("knownErrors"), created.<Object>getList("knownErrors"));
        assertNull(view.getString("knownErrorId"), "a match is not a link to the problem");
        assertEquals(2, view.getList("knownErrors").size());
        assertEquals(onCi.knownErrorId.toString(), view.getString("knownErrors[0].knownErrorId"));
        assertEquals("CI", view.getString("knownErrors[0].matchedOn"));
        assertEquals("KE0001003", view.getString("knownErrors[0].number"));
        assertEquals(onCi.problemId.toString(), view.getString("knownErrors[0].problemId"));
        assertEquals("PRB0001003", view.getString("knownErrors[0].problemNumber"));
        assertEquals("Payment gateway drops connections", view.getString("knownErrors[0].title"));
        assertEquals("Restart pay-gw", view.getString("knownErrors[0].workaround"));
        assertEquals("SERVICE", view.getString("knownErrors[1].matchedOn"));
        assertEquals(onService.knownErrorId.toString(), view.getString("knownErrors[1].knownErrorId"));

        List<String> texts = notes(incident).getList("items.text");
        assertEquals(2, texts.size());
        assertTrue(texts.stream().anyMatch(n -> n.contains("matches this incident's CI") && n.endsWith("Workaround: Restart pay-gw")), texts.toString());
        assertTrue(texts.stream().anyMatch(n -> n.contains("matches this incident's service") && n.endsWith("Workaround: Scale out the web tier")), texts.toString());
        assertEquals(List.of("problem-service", "problem-service"), notes(incident).getList("items.author"));

        // the list shows them too; an incident on another service has none
        reader().queryParam("serviceId", service.toString()).get("/api/v1/incidents").then().statusCode(200)
                .body("items[0].knownErrors.size()", equalTo(2)).body("items[0].knownErrors[0].matchedOn", equalTo("CI"));
        reader().get("/api/v1/incidents/" + open()).then().body("knownErrors.size()", equalTo(0));

        // linking the incident to the problem later sets knownErrorId but does not repeat the workaround
        awaitHandled(onCi.publish(1, "Restart pay-gw", List.of(incident), t.plusSeconds(2)));
        reader().get("/api/v1/incidents/" + incident).then().body("knownErrorId", equalTo(onCi.knownErrorId.toString()));
        assertEquals(2, notes(incident).getList("items").size());
    }

    @Test
    void aRetiredKnownErrorNoLongerMatchesAndAnOlderPublicationCannotRevive() {
        UUID service = ownService();
        KnownError ke = new KnownError("KE0001004", "PRB0001004", "Login loops", List.of(service), List.of());
        Instant t = Instant.now();
        awaitHandled(ke.publish(1, "Clear cookies", List.of(), t));
        String before = openOn(service, null);
        reader().get("/api/v1/incidents/" + before).then().body("knownErrors.size()", equalTo(1));

        Map<String, Object> retired = ke.event("RETIRED", 1, "Clear cookies", List.of(before), t.plusSeconds(1));
        retired.put("reason", "problem closed");
        awaitHandled(CloudEventPublisher.publish("problem", "KnownErrorRetired", ke.problemId.toString(), retired));
        reader().get("/api/v1/incidents/" + before).then().body("knownErrors.size()", equalTo(0));
        awaitHandled(ke.publish(1, "Clear cookies", List.of(), t.minusSeconds(1)));

        String after = openOn(service, null);
        reader().get("/api/v1/incidents/" + after).then().body("knownErrors.size()", equalTo(0));
        assertEquals(0, notes(after).getList("items").size());
        assertEquals(1, count("select count(*) from known_error_replica where id = ? and status = 'RETIRED'", ke.knownErrorId));
    }

    @Test
    void anIncidentLinkedToAProblemWithAKnownErrorGetsTheWorkaround() {
        UUID service = ownService();
        KnownError ke = new KnownError("KE0001005", "PRB0001005", "Reports time out", List.of(UUID.randomUUID()), List.of());
        Instant t = Instant.now();
        awaitHandled(ke.publish(1, "Run the report off-peak", List.of(), t));
        String incident = openOn(service, null);
        assertEquals(0, notes(incident).getList("items").size());

        Map<String, Object> linked = ke.problemFacts("KNOWN_ERROR", "Run the report off-peak", List.of(incident), t.plusSeconds(1));
        linked.put("incidentId", incident);
        linked.put("incidentNumber", reader().get("/api/v1/incidents/" + incident).path("number"));
        linked.put("automatic", false);
        awaitHandled(CloudEventPublisher.publish("problem", "ProblemIncidentLinked", ke.problemId.toString(), linked));
        reader().get("/api/v1/incidents/" + incident).then().body("knownErrorId", equalTo(ke.knownErrorId.toString()));
        assertEquals(List.of(ke.note("Run the report off-peak")), notes(incident).getList("items.text"));

        // a link of a problem without a known error yet changes nothing
        String other = openOn(service, null);
        Map<String, Object> plain = new KnownError("KE0001006", "PRB0001006", "x", List.of(), List.of())
                .problemFacts("UNDER_ANALYSIS", null, List.of(other), t);
        plain.put("knownErrorId", null);
        plain.put("incidentId", other);
        plain.put("automatic", true);
        String key = UUID.randomUUID().toString();
        awaitHandled(CloudEventPublisher.publish("problem", "ProblemIncidentLinked", key, plain));
        reader().get("/api/v1/incidents/" + other).then().body("knownErrorId", nullValue());
        assertTrue(TopicReader.await(PROBLEM_TOPIC + ".dlq", 1, Duration.ofSeconds(1), r -> key.equals(r.key())).isEmpty());
        agent().get("/api/v1/incidents/" + other + "/notes").then().body("items.size()", equalTo(0));
    }
    /**
     * Each problem event names at most 1,000 of the problem's incidents (problem-service: a problem accepted from a busy
     * service's candidate links thousands; with no bound its events outgrew Kafka's record limit). The incidents a known
     * error is for are those the problem's link events reported — ProblemLogged, ProblemIncidentsLinked (the rest of
     * those it was logged with), ProblemIncidentLinked, less ProblemIncidentUnlinked — not only those the
     * KnownErrorPublished names.
     */
    @Test
    void aKnownErrorReachesEveryIncidentTheProblemsEventsLinkedNotOnlyThoseItNames() {
        UUID service = ownService();
        KnownError ke = new KnownError("KE0001007", "PRB0001007", "Orders stall", List.of(UUID.randomUUID()), List.of());
        String logged = openOn(service, null);
        String loggedToo = openOn(service, null);
        String linkedThenUnlinked = openOn(service, null);
        String neverLinked = openOn(service, null);
        String key = ke.problemId.toString();
        Instant t = Instant.now();

        Map<String, Object> problemLogged = ke.problemFacts("LOGGED", null, List.of(logged), t);
        problemLogged.put("knownErrorId", null);
        problemLogged.put("linkedIncidentCount", 2);
        problemLogged.put("candidateId", UUID.randomUUID().toString());
        CloudEventPublisher.publish("problem", "ProblemLogged", key, problemLogged);
        Map<String, Object> more = new HashMap<>(problemLogged);
        more.remove("candidateId");
        more.put("incidentIds", List.of(loggedToo));
        CloudEventPublisher.publish("problem", "ProblemIncidentsLinked", key, more);
        Map<String, Object> link = ke.problemFacts("UNDER_ANALYSIS", null, List.of(linkedThenUnlinked, logged), t.plusSeconds(1));
        link.put("knownErrorId", null);
        link.put("incidentId", linkedThenUnlinked);
        link.put("automatic", false);
        CloudEventPublisher.publish("problem", "ProblemIncidentLinked", key, link);
        Map<String, Object> unlink = ke.problemFacts("UNDER_ANALYSIS", null, List.of(logged), t.plusSeconds(2));
        unlink.put("knownErrorId", null);
        unlink.put("incidentId", linkedThenUnlinked);
        unlink.put("automatic", false);
        CloudEventPublisher.publish("problem", "ProblemIncidentUnlinked", key, unlink);
        // as if the problem's 1,000 named ids ended before loggedToo
        awaitHandled(ke.publish(1, "Restart the order queue", List.of(logged), t.plusSeconds(3)));

        for (String incident : List.of(logged, loggedToo)) {
            reader().get("/api/v1/incidents/" + incident).then().body("knownErrorId", equalTo(ke.knownErrorId.toString()));
            assertEquals(List.of(ke.note("Restart the order queue")), notes(incident).getList("items.text"), incident);
        }
        for (String incident : List.of(linkedThenUnlinked, neverLinked)) {
            reader().get("/api/v1/incidents/" + incident).then().body("knownErrorId", nullValue());
            assertEquals(0, notes(incident).getList("items").size(), incident);
        }
    }
}
