package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.agent;
import static dev.itsm.problemmanagement.ProblemFixtures.change;
import static dev.itsm.problemmanagement.ProblemFixtures.command;
import static dev.itsm.problemmanagement.ProblemFixtures.events;
import static dev.itsm.problemmanagement.ProblemFixtures.incident;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.manager;
import static dev.itsm.problemmanagement.ProblemFixtures.newProblem;
import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static dev.itsm.problemmanagement.ProblemFixtures.toKnownError;
import static dev.itsm.problemmanagement.ProblemFixtures.types;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The problem lifecycle through every state over REST, with its events, history and the 409s that name the allowed commands. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemLifecycleTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProblemGoesFromLoggedThroughFixVerificationToClosed() throws Exception {
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        UUID inc = incident(service, ci);
        Map<String, Object> body = newProblem(service, ci);
        body.put("incidentIds", List.of(inc.toString()));
        Response created = agent().body(body).post("/api/v1/problems");
        created.then().statusCode(201).header("ETag", "\"0\"").header("Location", org.hamcrest.Matchers.endsWith(created.path("id")))
                .body("state", equalTo("LOGGED")).body("priority", equalTo("P2")).body("number", org.hamcrest.Matchers.startsWith("PRB"))
                .body("linkedIncidentIds", contains(inc.toString()))
                .body("allowedCommands", contains("start-analysis", "cancel", "update", "link-incident", "link-change"));
        String id = created.path("id");

        command(agent(), id, "start-analysis", null).then().statusCode(200).body("state", equalTo("UNDER_ANALYSIS"));
        command(manager(), id, "record-root-cause", Map.of("category", "capacity", "analysis", "Pool exhausted at peak"))
                .then().statusCode(200).body("state", equalTo("ROOT_CAUSE_KNOWN")).body("rootCauseCategory", equalTo("capacity"));
        // no workaround yet: publishing needs one
        command(manager(), id, "publish-known-error", Map.of("symptoms", "HTTP 502 at checkout")).then().statusCode(400);
        Response published = command(manager(), id, "publish-known-error",
                Map.of("symptoms", "HTTP 502 at checkout", "workaround", "Restart the payment-gateway pods"));
        published.then().statusCode(200).body("state", equalTo("KNOWN_ERROR")).body("knownErrorId", notNullValue())
                .body("workaround", equalTo("Restart the payment-gateway pods"));
        // a revision: same known error, revision 2
        command(manager(), id, "publish-known-error", Map.of("symptoms", "HTTP 502 at checkout after 30 s")).then().statusCode(200)
                .body("knownErrorId", equalTo(published.path("knownErrorId")));
        reader().get("/api/v1/problems/known-errors/" + published.path("knownErrorId")).then().statusCode(200)
                .body("revision", equalTo(2)).body("state", equalTo("ACTIVE")).body("number", org.hamcrest.Matchers.startsWith("KE"));

        UUID fix = change("IMPLEMENT", false);
        command(manager(), id, "propose-fix", Map.of("changeId", fix.toString())).then().statusCode(200)
                .body("state", equalTo("FIX_IN_PROGRESS")).body("fixChangeId", equalTo(fix.toString()))
                .body("linkedChangeIds", contains(fix.toString()));
        // not implemented yet
        command(manager(), id, "resolve", null).then().statusCode(409).body("type", equalTo("https://itsm.dev/problems/fix-not-implemented"));
        ProblemFixtures.changeState(fix, "REVIEW", true);
        command(manager(), id, "resolve", null).then().statusCode(200).body("state", equalTo("FIX_VERIFICATION"))
                .body("verificationEndsAt", notNullValue()).body("resolvedAt", notNullValue());
        Response closed = command(manager(), id, "close", null);
        closed.then().statusCode(200).body("state", equalTo("CLOSED")).body("allowedCommands", org.hamcrest.Matchers.empty());
        reader().get("/api/v1/problems/known-errors/" + published.path("knownErrorId")).then().statusCode(200)
                .body("state", equalTo("RETIRED")).body("retiredAt", notNullValue());

        List<Received> records = events(id, 10);
        assertEquals(List.of("ProblemLogged", "ProblemAnalysisStarted", "RootCauseIdentified",
                "KnownErrorPublished", "KnownErrorPublished", "ProblemChangeLinked", "ProblemResolved", "ProblemClosed",
                "KnownErrorRetired"), types(records).subList(0, 9));
        JsonNode last = JSON.readTree(records.get(8).value());
        assertEquals("CLOSED", last.path("state").asText());
        assertEquals("RETIRED", last.path("knownError").path("state").asText());
        // the event's version is the one the response's ETag carried
        assertEquals(closed.header("ETag"), "\"" + last.path("version").asLong() + "\"");
        JsonNode second = JSON.readTree(records.get(4).value());
        assertEquals(2, second.path("knownError").path("revision").asInt());
        // logged with the incident: ProblemLogged names it (no ProblemIncidentLinked for it)
        assertEquals(List.of(inc.toString()), List.of(JSON.readTree(records.get(0).value()).path("linkedIncidentIds").get(0).asText()));

        reader().get("/api/v1/problems/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("log", "start-analysis", "record-root-cause", "publish-known-error",
                        "publish-known-error", "propose-fix", "resolve", "close"));
    }

    @Test
    void everyCommandOutsideItsStatesIs409NamingTheStateAndTheAllowedCommands() {
        String id = log();
        command(manager(), id, "record-root-cause", Map.of("category", "c", "analysis", "a")).then().statusCode(409)
                .body("type", equalTo("https://itsm.dev/problems/illegal-transition")).body("currentState", equalTo("LOGGED"))
                .body("command", equalTo("record-root-cause"))
                .body("allowedCommands", contains("start-analysis", "cancel", "update", "link-incident", "link-change"));
        command(manager(), id, "publish-known-error", Map.of("symptoms", "s", "workaround", "w")).then().statusCode(409);
        command(manager(), id, "propose-fix", Map.of("changeId", UUID.randomUUID().toString())).then().statusCode(409);
        command(manager(), id, "resolve", null).then().statusCode(409);
        command(manager(), id, "reopen", Map.of("reason", "r")).then().statusCode(409);
        command(manager(), id, "close", null).then().statusCode(409).body("currentState", equalTo("LOGGED"));
        command(manager(), id, "cancel", Map.of("reason", "logged twice")).then().statusCode(200).body("state", equalTo("CANCELED"))
                .body("cancelReason", equalTo("logged twice"));
        command(manager(), id, "cancel", Map.of("reason", "again")).then().statusCode(409)
                .body("currentState", equalTo("CANCELED")).body("allowedCommands", org.hamcrest.Matchers.empty());
        agent().body(Map.of("title", "x")).patch("/api/v1/problems/" + id).then().statusCode(409);
    }

    @Test
    void cancelingAKnownErrorRetiresIt() throws Exception {
        String id = log();
        toKnownError(id);
        String ke = reader().get("/api/v1/problems/" + id).path("knownErrorId");
        command(manager(), id, "cancel", Map.of("reason", "Not a problem after all")).then().statusCode(200);
        reader().get("/api/v1/problems/known-errors/" + ke).then().body("state", equalTo("RETIRED"));
        List<Received> records = events(id, 6);
        assertEquals(List.of("ProblemCanceled", "KnownErrorRetired"), types(records).subList(4, 6));
        assertEquals("Not a problem after all", JSON.readTree(records.get(4).value()).path("reason").asText());
    }

    @Test
    void aFixAlreadyImplementedGoesStraightToVerificationAndReopenByCommandGoesBackToKnownError() {
        String id = log();
        toKnownError(id);
        UUID fix = change("CLOSED", true);
        command(manager(), id, "propose-fix", Map.of("changeId", fix.toString())).then().statusCode(200)
                .body("state", equalTo("FIX_VERIFICATION"));
        command(manager(), id, "reopen", Map.of("reason", "Still failing")).then().statusCode(200)
                .body("state", equalTo("KNOWN_ERROR")).body("reopenCount", equalTo(1)).body("fixChangeId", nullValue())
                .body("verificationEndsAt", nullValue()).body("linkedChangeIds", hasItem(fix.toString()));
        assertEquals(List.of("ProblemChangeLinked", "ProblemResolved", "ProblemReopened"), types(events(id, 7)).subList(4, 7));
    }

    @Test
    void aCanceledOrUnknownChangeCannotBeTheFix() {
        String id = log();
        toKnownError(id);
        command(manager(), id, "propose-fix", Map.of("changeId", UUID.randomUUID().toString())).then().statusCode(422)
                .body("type", equalTo("https://itsm.dev/problems/unknown-change")).body("changeId", notNullValue());
        command(manager(), id, "propose-fix", Map.of("changeId", change("REJECTED", false).toString())).then().statusCode(422)
                .body("type", equalTo("https://itsm.dev/problems/change-abandoned"));
    }

    @Test
    void aProblemNeedsAServiceOrACi() {
        agent().body(newProblem(null, null)).post("/api/v1/problems").then().statusCode(400);
        log(newProblem(null, UUID.randomUUID()));
        log(newProblem(UUID.randomUUID(), null));
    }
}
