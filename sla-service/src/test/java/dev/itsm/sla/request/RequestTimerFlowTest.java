package dev.itsm.sla.request;

import static dev.itsm.sla.SlaTestSupport.SLA_TOPIC;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.requestAgreement;
import static dev.itsm.sla.SlaTestSupport.requestTarget;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.sla.SlaTestSupport.ServiceRequest;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Service request events (payloads as request-service publishes them, design section 5) published on the real
 * broker with the test kit's CloudEventPublisher drive the REQUEST timers. The exact-arithmetic scenarios date
 * their events a day ahead of the clock so the scheduler cannot interleave; the breach scenario moves the TestClock.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class RequestTimerFlowTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestClock CLOCK = TestClock.INSTANCE;
    static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    static Instant future() {
        return CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    static JsonPath timers(UUID requestId) {
        return reader().queryParam("recordId", requestId).get("/api/v1/sla/timers").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> timer(UUID requestId, String metric) {
        return timers(requestId).getMap("items.find { it.metric == '" + metric + "' }");
    }

    static void awaitTimer(UUID requestId, String metric, Predicate<Map<String, Object>> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> t = timer(requestId, metric);
            return t != null && condition.test(t);
        });
    }

    static List<Map<String, Object>> bothTargets(String approve, String fulfil) {
        return List.of(requestTarget("TIME_TO_APPROVE", approve), requestTarget("TIME_TO_FULFIL", fulfil));
    }

    @Test
    void approvalAndFulfilmentClocksPauseWhileAwaitingTheRequesterAndStopOnTheDecisionAndOnFulfilment() {
        UUID offering = UUID.randomUUID();
        String agreementId = requestAgreement("Laptops " + offering, List.of(offering), List.of(), bothTargets("PT8H", "P2D"));
        Instant t0 = future();
        ServiceRequest req = new ServiceRequest(offering, List.of(UUID.randomUUID()), t0);
        req.publish("ServiceRequestSubmitted", t0);
        req.set("state", "AWAITING_APPROVAL").publish("RequestApprovalRequested", t0, "level",
                Map.of("level", 1, "name", "Budget (sponsor)", "rule", "ANY", "quorum", 1, "approvers", List.of("sally")));
        req.set("awaitingRequester", true).publish("RequestInfoRequested", t0.plus(Duration.ofHours(1)), "question", "Which keyboard layout?");
        req.set("awaitingRequester", false).publish("RequestInfoProvided", t0.plus(Duration.ofHours(3)));
        req.set("state", "APPROVED").set("approvalStatus", "APPROVED").set("approvedAt", t0.plus(Duration.ofHours(4)).toString())
                .publish("RequestApproved", t0.plus(Duration.ofHours(4)), "automatic", false, "approver", "sally");

        awaitTimer(req.id, "TIME_TO_APPROVE", t -> "MET".equals(t.get("state")));
        Map<String, Object> approve = timer(req.id, "TIME_TO_APPROVE");
        assertEquals(2 * 3600, approve.get("elapsedBusinessSeconds"), "0-1h and 3h-4h: the two hours awaiting the requester not counted");
        assertEquals("REQUEST", approve.get("recordKind"));
        assertEquals(req.id.toString(), approve.get("recordId"));
        assertEquals(req.facts.get("number"), approve.get("recordNumber"));
        assertEquals(offering.toString(), approve.get("offeringId"));
        assertNull(approve.get("incidentId"));
        assertNull(approve.get("priority"));
        assertEquals(agreementId, approve.get("agreementId"));
        List<Map<String, Object>> pauses = (List<Map<String, Object>>) approve.get("pauses");
        assertEquals(1, pauses.size());
        assertEquals("AWAITING_REQUESTER", pauses.get(0).get("reason"));
        assertEquals(t0.plus(Duration.ofHours(1)).toString(), pauses.get(0).get("pausedAt"));
        assertEquals(t0.plus(Duration.ofHours(3)).toString(), pauses.get(0).get("resumedAt"));
        Map<String, Object> fulfil = timer(req.id, "TIME_TO_FULFIL");
        assertEquals("RUNNING", fulfil.get("state"), "the approval does not stop the fulfilment clock");

        req.set("state", "IN_FULFILMENT").publish("RequestItemFulfilmentStarted", t0.plus(Duration.ofHours(4)));
        req.set("awaitingRequester", true).publish("RequestInfoRequested", t0.plus(Duration.ofHours(5)), "question", "Delivery address?");
        req.set("awaitingRequester", false).publish("RequestInfoProvided", t0.plus(Duration.ofHours(9)));
        req.set("state", "FULFILLED").set("fulfilledAt", t0.plus(Duration.ofHours(10)).toString())
                .publish("ServiceRequestFulfilled", t0.plus(Duration.ofHours(10)));

        awaitTimer(req.id, "TIME_TO_FULFIL", t -> "MET".equals(t.get("state")));
        fulfil = timer(req.id, "TIME_TO_FULFIL");
        assertEquals(4 * 3600, fulfil.get("elapsedBusinessSeconds"), "10h minus the 2h + 4h awaiting the requester");
        assertEquals(t0.plus(Duration.ofHours(10)).toString(), fulfil.get("stoppedAt"));
        assertEquals(2, ((List<?>) fulfil.get("pauses")).size());
        assertEquals(2, timers(req.id).getInt("total"), "one timer per metric");
    }

    @Test
    void anAutomaticApprovalStopsTheApprovalClockAtOnce() {
        UUID offering = UUID.randomUUID();
        requestAgreement("Automatic " + offering, List.of(offering), List.of(), bothTargets("PT4H", "P5D"));
        Instant t0 = future();
        ServiceRequest req = new ServiceRequest(offering, List.of(), t0);
        // created without approval levels: one transaction publishes all three, at one instant
        req.publish("ServiceRequestSubmitted", t0);
        req.set("state", "APPROVED").set("approvalStatus", "NOT_REQUIRED").set("approvedAt", t0.toString())
                .publish("RequestApproved", t0, "automatic", true, "approver", null);
        req.set("state", "IN_FULFILMENT").publish("RequestItemFulfilmentStarted", t0);

        awaitTimer(req.id, "TIME_TO_APPROVE", t -> "MET".equals(t.get("state")));
        Map<String, Object> approve = timer(req.id, "TIME_TO_APPROVE");
        assertEquals(0, approve.get("elapsedBusinessSeconds"));
        assertEquals(t0.toString(), approve.get("stoppedAt"));
        assertEquals("RUNNING", timer(req.id, "TIME_TO_FULFIL").get("state"));
    }

    @Test
    void aRejectedRequestStopsTheApprovalClockAndCancelsTheFulfilmentClockACanceledOneCancelsBoth() {
        UUID offering = UUID.randomUUID();
        requestAgreement("Rejected " + offering, List.of(offering), List.of(), bothTargets("PT1H", "PT2H"));
        Instant t0 = future();
        ServiceRequest rejected = new ServiceRequest(offering, List.of(), t0);
        rejected.set("state", "AWAITING_APPROVAL").publish("ServiceRequestSubmitted", t0);
        // rejected 3 hours later: past both targets, yet the fulfilment clock ends without a verdict
        rejected.set("state", "REJECTED").set("approvalStatus", "REJECTED").publish("RequestRejected", t0.plus(Duration.ofHours(3)),
                "level", Map.of("level", 1, "name", "Budget (sponsor)", "rule", "ANY", "quorum", 1, "approvers", List.of("sally")),
                "approver", "sally", "comment", "no budget");
        awaitTimer(rejected.id, "TIME_TO_FULFIL", t -> "CANCELED".equals(t.get("state")));
        assertEquals("BREACHED", timer(rejected.id, "TIME_TO_APPROVE").get("state"), "the decision came two hours late");

        ServiceRequest canceled = new ServiceRequest(offering, List.of(), t0);
        canceled.set("state", "AWAITING_APPROVAL").publish("ServiceRequestSubmitted", t0);
        canceled.set("state", "CANCELED").publish("ServiceRequestCanceled", t0.plus(Duration.ofMinutes(30)), "reason", "ordered twice");
        awaitTimer(canceled.id, "TIME_TO_FULFIL", t -> "CANCELED".equals(t.get("state")));
        assertEquals("CANCELED", timer(canceled.id, "TIME_TO_APPROVE").get("state"));
    }

    @Test
    void agreementsCoverARequestByOfferingOrByOneOfItsServicesAndIncidentAgreementsNever() {
        UUID offering = UUID.randomUUID();
        UUID service = knownService();
        requestAgreement("By service " + service, List.of(), List.of(service), List.of(requestTarget("TIME_TO_FULFIL", "P3D")));
        // an incident agreement on the same service starts nothing for a request
        dev.itsm.sla.SlaTestSupport.agreement("Incidents of " + service, service, dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN,
                List.of(dev.itsm.sla.SlaTestSupport.target("TIME_TO_RESOLVE", "P1", "PT4H")), Map.of());
        Instant t0 = future();
        ServiceRequest covered = new ServiceRequest(offering, List.of(UUID.randomUUID(), service), t0);
        covered.publish("ServiceRequestSubmitted", t0);
        ServiceRequest other = new ServiceRequest(UUID.randomUUID(), List.of(UUID.randomUUID()), t0);
        other.publish("ServiceRequestSubmitted", t0);
        awaitTimer(covered.id, "TIME_TO_FULFIL", t -> "RUNNING".equals(t.get("state")));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> SlaRequest.findById(other.id) != null));
        JsonPath all = timers(covered.id);
        assertEquals(1, all.getInt("total"), "only the REQUEST agreement's one target");
        assertEquals(0, timers(other.id).getInt("total"), "neither its offering nor its services are in any REQUEST agreement's scope");
    }

    @Test
    void staleAndRedeliveredEventsChangeNothing() {
        UUID offering = UUID.randomUUID();
        requestAgreement("Stale " + offering, List.of(offering), List.of(), List.of(requestTarget("TIME_TO_FULFIL", "P1D")));
        Instant t0 = future();
        ServiceRequest req = new ServiceRequest(offering, List.of(), t0);
        req.publish("ServiceRequestSubmitted", t0);
        String asked = req.set("awaitingRequester", true).publish("RequestInfoRequested", t0.plus(Duration.ofHours(1)), "question", "Which model?");
        req.set("awaitingRequester", false).publish("RequestInfoProvided", t0.plus(Duration.ofHours(2)));
        awaitTimer(req.id, "TIME_TO_FULFIL", t -> "RUNNING".equals(t.get("state")) && ((List<?>) t.get("pauses")).size() == 1);
        // the same event again (same ce_id): the inbox drops it; an older one (dated before the last applied): ignored
        req.set("awaitingRequester", true).publishWithId(asked, "RequestInfoRequested", t0.plus(Duration.ofHours(1)), "question", "Which model?");
        req.publish("RequestInfoRequested", t0.plus(Duration.ofMinutes(90)), "question", "Which colour?");
        // a marker after both: once it is applied, so were they
        req.set("awaitingRequester", false).set("state", "FULFILLED").publish("ServiceRequestFulfilled", t0.plus(Duration.ofHours(5)));
        awaitTimer(req.id, "TIME_TO_FULFIL", t -> "MET".equals(t.get("state")));
        Map<String, Object> t = timer(req.id, "TIME_TO_FULFIL");
        assertEquals(1, ((List<?>) t.get("pauses")).size(), "neither the redelivery nor the stale event paused the clock again");
        assertEquals(4 * 3600, t.get("elapsedBusinessSeconds"));
    }

    @Test
    void aBreachOfARequestTimerIsAnnouncedOnTheTopicWithRecordKindRequest() throws Exception {
        UUID offering = UUID.randomUUID();
        requestAgreement("Breach " + offering, List.of(offering), List.of(), List.of(requestTarget("TIME_TO_FULFIL", "PT1H")));
        Instant t0 = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
        ServiceRequest req = new ServiceRequest(offering, List.of(), t0);
        req.set("state", "IN_FULFILMENT").publish("ServiceRequestSubmitted", t0);
        awaitTimer(req.id, "TIME_TO_FULFIL", t -> "RUNNING".equals(t.get("state")));
        CLOCK.advance(Duration.ofMinutes(61)); // past the hour: the scheduler announces the breach
        List<Received> breached = TopicReader.await(SLA_TOPIC, 1, WAIT,
                r -> req.id.toString().equals(r.key()) && r.ceType().equals("dev.itsm.sla.SlaBreached"));
        JsonNode payload = JSON.readTree(breached.get(0).value());
        assertEquals("REQUEST", payload.path("recordKind").asText());
        assertEquals(req.id.toString(), payload.path("recordId").asText());
        assertEquals(req.facts.get("number"), payload.path("recordNumber").asText());
        assertTrue(payload.path("incidentId").isNull(), "incidentId is null for a REQUEST timer: " + payload);
        assertTrue(payload.path("priority").isNull());
        assertEquals("TIME_TO_FULFIL", payload.path("metric").asText());
        assertEquals("BREACHED", payload.path("state").asText());
        assertEquals(req.id.toString(), breached.get(0).header("ce_subject"), "ce_subject = the record key");
        List<Received> all = TopicReader.await(SLA_TOPIC, 2, WAIT, r -> req.id.toString().equals(r.key()));
        AsyncApiValidator.load().assertValid(all);
        awaitTimer(req.id, "TIME_TO_FULFIL", t -> "BREACHED".equals(t.get("state")));
    }
}
