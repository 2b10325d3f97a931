package dev.itsm.problemmanagement;

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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.problemmanagement.replica.ReplicaEvents;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A fix is verified: the problem follows its fix change (implemented → FIX_VERIFICATION, canceled →
 * back to KNOWN_ERROR), a matching incident during the verification reopens it, and when the period
 * passes with no recurrence the closer closes it (verified, closed, known error retired).
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class FixVerificationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ProblemService problems;
    @Inject
    FixVerificationCloser closer;
    @Inject
    ProblemConfig config;

    @AfterEach
    void realTime() {
        TestClock.INSTANCE.reset();
    }

    /** A problem on {@code ci} (and {@code service}) in FIX_IN_PROGRESS with fix change {@code fix}. */
    private static String fixInProgress(UUID service, UUID ci, UUID fix) {
        String id = log(newProblem(service, ci));
        toKnownError(id);
        command(manager(), id, "propose-fix", Map.of("changeId", fix.toString())).then().statusCode(200);
        return id;
    }

    private static String fixVerification(UUID service, UUID ci) {
        UUID fix = change("CLOSED", true);
        String id = fixInProgress(service, ci, fix);
        reader().get("/api/v1/problems/" + id).then().body("state", equalTo("FIX_VERIFICATION"));
        return id;
    }

    @Test
    void theImplementedFixChangeStartsTheVerification() throws Exception {
        UUID fix = change("IMPLEMENT", false);
        String id = fixInProgress(UUID.randomUUID(), UUID.randomUUID(), fix);
        reader().get("/api/v1/problems/" + id).then().body("state", equalTo("FIX_IN_PROGRESS"));
        problems.onChangeImplemented(fix, "CHG0000042", Instant.now());
        reader().get("/api/v1/problems/" + id).then().statusCode(200).body("state", equalTo("FIX_VERIFICATION"));
        List<Received> records = events(id, 6);
        assertEquals("ProblemResolved", types(records).get(5));
        JsonNode resolved = JSON.readTree(records.get(5).value());
        assertEquals(fix.toString(), resolved.path("changeId").asText());
        Instant resolvedAt = Instant.parse(resolved.path("occurredAt").asText());
        assertEquals(resolvedAt.plus(config.fixVerification().period()), Instant.parse(resolved.path("verificationEndsAt").asText()));
    }

    @Test
    void aCanceledFixChangeSendsTheProblemBackToKnownError() throws Exception {
        UUID fix = change("AUTHORIZE", false);
        String id = fixInProgress(UUID.randomUUID(), UUID.randomUUID(), fix);
        problems.onChangeAbandoned(fix, "CHG0000043", "CANCELED", Instant.now());
        reader().get("/api/v1/problems/" + id).then().body("state", equalTo("KNOWN_ERROR")).body("fixChangeId", nullValue())
                .body("linkedChangeIds", hasItem(fix.toString()));
        List<Received> records = events(id, 6);
        assertEquals("ProblemFixAbandoned", types(records).get(5));
        assertEquals("CANCELED", JSON.readTree(records.get(5).value()).path("changeState").asText());
        // a new fix can be proposed
        command(manager(), id, "propose-fix", Map.of("changeId", change("NEW", false).toString())).then().statusCode(200);
    }

    @Test
    void aMatchingIncidentDuringVerificationReopensTheProblemAndIsLinked() throws Exception {
        UUID ci = UUID.randomUUID();
        String onCi = fixVerification(UUID.randomUUID(), ci);
        UUID service = UUID.randomUUID();
        String onService = fixVerification(service, null);
        String elsewhere = fixVerification(UUID.randomUUID(), UUID.randomUUID());

        UUID recurring = incident(service, ci);
        problems.onIncidentOpened(recurring, service, ci, "INC0009001", TestClock.INSTANCE.instant());

        reader().get("/api/v1/problems/" + onCi).then().body("state", equalTo("KNOWN_ERROR")).body("reopenCount", equalTo(1))
                .body("linkedIncidentIds", hasItem(recurring.toString())).body("verificationEndsAt", nullValue());
        // matched by service too (it names no CI), but the incident belongs to one problem only: reopened, not linked
        reader().get("/api/v1/problems/" + onService).then().body("state", equalTo("KNOWN_ERROR"))
                .body("linkedIncidentIds", not(hasItem(recurring.toString())));
        reader().get("/api/v1/problems/" + elsewhere).then().body("state", equalTo("FIX_VERIFICATION"));

        List<Received> records = events(onCi, 8);
        assertEquals(List.of("ProblemReopened", "ProblemIncidentLinked"), types(records).subList(6, 8));
        JsonNode reopened = JSON.readTree(records.get(6).value());
        assertTrue(reopened.path("automatic").asBoolean());
        assertEquals(recurring.toString(), reopened.path("incidentId").asText());
        assertTrue(JSON.readTree(records.get(7).value()).path("automatic").asBoolean());
    }

    @Test
    void anIncidentOpenedEventFromIncidentServiceReopensAProblemInVerification() {
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        String id = fixVerification(service, ci);
        UUID recurring = ReplicaEvents.openIncident(service, ci, ReplicaEvents.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> "KNOWN_ERROR".equals(reader().get("/api/v1/problems/" + id).path("state")));
        reader().get("/api/v1/problems/" + id).then().body("linkedIncidentIds", hasItem(recurring.toString()))
                .body("reopenCount", equalTo(1));
    }

    @Test
    void whenThePeriodPassesWithoutRecurrenceTheCloserClosesTheProblemAndRetiresTheKnownError() throws Exception {
        String id = fixVerification(UUID.randomUUID(), UUID.randomUUID());
        String knownError = reader().get("/api/v1/problems/" + id).path("knownErrorId");
        closer.closeDue(TestClock.INSTANCE.instant());
        reader().get("/api/v1/problems/" + id).then().body("state", equalTo("FIX_VERIFICATION")); // not due yet

        TestClock.INSTANCE.advance(config.fixVerification().period().plusMinutes(1));
        closer.closeDue(TestClock.INSTANCE.instant());
        reader().get("/api/v1/problems/" + id).then().body("state", equalTo("CLOSED"));
        reader().get("/api/v1/problems/known-errors/" + knownError).then().body("state", equalTo("RETIRED"));

        List<Received> records = events(id, 9);
        assertEquals(List.of("ProblemFixVerified", "ProblemClosed", "KnownErrorRetired"), types(records).subList(6, 9));
        assertEquals("FIX_VERIFICATION", JSON.readTree(records.get(6).value()).path("state").asText());
        assertEquals("CLOSED", JSON.readTree(records.get(7).value()).path("state").asText());
        assertEquals("RETIRED", JSON.readTree(records.get(8).value()).path("knownError").path("state").asText());
        reader().get("/api/v1/problems/" + id + "/history").then().body("items.actor", hasItem(ProblemService.SYSTEM));
    }
}
