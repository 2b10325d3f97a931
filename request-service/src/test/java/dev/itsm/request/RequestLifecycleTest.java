package dev.itsm.request;

import static dev.itsm.request.RequestFixtures.BASE;
import static dev.itsm.request.RequestFixtures.agent;
import static dev.itsm.request.RequestFixtures.as;
import static dev.itsm.request.RequestFixtures.command;
import static dev.itsm.request.RequestFixtures.create;
import static dev.itsm.request.RequestFixtures.events;
import static dev.itsm.request.RequestFixtures.orderable;
import static dev.itsm.request.RequestFixtures.requester;
import static dev.itsm.request.RequestFixtures.taskCommand;
import static dev.itsm.request.RequestFixtures.taskOf;
import static dev.itsm.request.RequestFixtures.types;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.security.Roles;
import dev.itsm.request.catalog.CatalogEvents;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The request lifecycle through the API on real PostgreSQL and Kafka, with the catalogue replica fed by real
 * catalogue CloudEvents: approvals in levels (the relationship's, then the sponsor's budget level), no levels →
 * straight to fulfilment, rejection, tasks per component kind, the access grant, the requester's question,
 * fulfilment and closure — and the events each step publishes.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class RequestLifecycleTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withoutLevelsARequestIsApprovedAtOnceAndEveryItemGetsItsTask() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String id = create(o);

        agent().get(BASE + "/" + id).then().statusCode(200)
                .body("state", equalTo("IN_FULFILMENT"))
                .body("approvalStatus", equalTo("NOT_REQUIRED"))
                .body("requestedBy", equalTo("bob")).body("requestedFor", equalTo("bob"))
                .body("number", org.hamcrest.Matchers.startsWith("REQ"))
                .body("items.componentKey", contains("laptop", "vpn", "setup"))
                .body("items.state", everyItem(equalTo("IN_FULFILMENT")))
                .body("items.taskState", everyItem(equalTo("OPEN")))
                .body("answers.laptop.model", equalTo("standard-14"));
        agent().queryParam("requestId", id).get(BASE + "/tasks").then().statusCode(200)
                .body("items.type", contains("DELIVERY", "ACCESS_PROVISIONING", "WORK"))
                .body("items.assignmentGroup", contains("hardware-desk", "service-desk", "service-desk"));

        List<TopicReader.Received> events = events(id, 5);
        assertEquals(List.of("ServiceRequestSubmitted", "RequestApproved", "RequestItemFulfilmentStarted",
                "RequestItemFulfilmentStarted", "RequestItemFulfilmentStarted"), types(events));
        JsonNode submitted = json(events.get(0));
        assertEquals("SUBMITTED", submitted.path("state").asText());
        assertEquals(0, submitted.path("version").asLong());
        assertTrue(submitted.path("answers").isMissingNode(), "no answers in events");
        JsonNode approved = json(events.get(1));
        assertTrue(approved.path("automatic").asBoolean());
        assertEquals("APPROVED", approved.path("state").asText());
        assertEquals("IN_FULFILMENT", json(events.get(2)).path("state").asText());
        assertEquals("DELIVERY", json(events.get(2)).path("task").path("type").asText());
    }

    @Test
    void levelsFromTheRelationshipAndTheBudgetLevelAreDecidedInOrderThenFulfilmentRunsToClosure() {
        CatalogEvents.Orderable o = orderable(true, List.of(CatalogEvents.level("Line manager", "ANY", null, "mia", "bob")));
        String id = create(o);
        agent().get(BASE + "/" + id).then().statusCode(200)
                .body("state", equalTo("AWAITING_APPROVAL")).body("approvalStatus", equalTo("PENDING"))
                .body("approvalLevels.name", contains("Line manager", "Budget (sponsor)"))
                .body("approvalLevels.status", contains("OPEN", "WAITING"))
                .body("cost.currency", equalTo("EUR"))
                .body("items.state", everyItem(equalTo("PENDING")))
                .body("allowedCommands", contains("approve", "reject", "request-info", "cancel"));

        // bob is named at level 1 but requested it: no self-approval; the sponsor is not at level 1 yet
        command(requester("bob"), id, "approve", Map.of()).then().statusCode(403).body("type", org.hamcrest.Matchers.endsWith("/self-approval"));
        command(requester("sam"), id, "approve", Map.of()).then().statusCode(403).body("type", org.hamcrest.Matchers.endsWith("/not-an-approver"));
        // mia approves with any suite role; the budget level opens
        command(as("mia", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "ok")).then().statusCode(200)
                .body("state", equalTo("AWAITING_APPROVAL")).body("approvalLevels.status", contains("APPROVED", "OPEN"));
        command(as("mia", Roles.CHANGE_MANAGER), id, "approve", Map.of()).then().statusCode(403);
        command(requester("sam"), id, "approve", Map.of("comment", "budget ok")).then().statusCode(200)
                .body("state", equalTo("IN_FULFILMENT")).body("approvalStatus", equalTo("APPROVED"))
                .body("approvedAt", notNullValue()).body("approvalDecisions.approver", contains("mia", "sam"));

        // fulfilment: a delivery with tracking, the access task (the grant), the work task started then completed
        taskCommand(taskOf(id, "laptop"), "complete", Map.of("note", "Shipped", "trackingReference", "1Z999")).then()
                .statusCode(200).body("state", equalTo("COMPLETED")).body("trackingReference", equalTo("1Z999"))
                .body("completedBy", equalTo("fred"));
        Instant granted = CatalogEvents.now();
        taskCommand(taskOf(id, "vpn"), "complete", Map.of("note", "Profile staff")).then().statusCode(200);
        List<Map<String, Object>> grants = requester("bob").get(BASE + "/" + id + "/grants").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].state", equalTo("ACTIVE")).body("items[0].subject", equalTo("bob"))
                .body("items[0].resource", equalTo("VPN access (vpn)")).extract().path("items");
        Instant expires = Instant.parse((String) grants.get(0).get("expiresAt"));
        Instant grantedAt = Instant.parse((String) grants.get(0).get("grantedAt"));
        assertEquals(Duration.ofDays(30), Duration.between(grantedAt, expires), "the component's access period");
        assertTrue(!grantedAt.isBefore(granted.minusSeconds(1)));
        String setup = taskOf(id, "setup");
        taskCommand(setup, "start", Map.of("note", "On my way")).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS")).body("assignee", equalTo("fred"));
        agent().get(BASE + "/" + id).then().body("state", equalTo("IN_FULFILMENT"));
        taskCommand(setup, "complete", Map.of()).then().statusCode(200);
        agent().get(BASE + "/" + id).then().statusCode(200).body("state", equalTo("FULFILLED"))
                .body("items.state", everyItem(equalTo("FULFILLED"))).body("fulfilledAt", notNullValue())
                .body("allowedCommands", contains("close"));

        requester("bob").post(BASE + "/" + id + "/close").then().statusCode(200).body("state", equalTo("CLOSED"))
                .body("allowedCommands", hasSize(0));
        command(requester("bob"), id, "cancel", Map.of("reason", "too late")).then().statusCode(409)
                .body("currentState", equalTo("CLOSED")).body("allowedCommands", hasSize(0));

        List<TopicReader.Received> events = events(id, 14);
        assertEquals(List.of("ServiceRequestSubmitted", "RequestApprovalRequested", "RequestApprovalRequested",
                "RequestApproved", "RequestItemFulfilmentStarted", "RequestItemFulfilmentStarted",
                "RequestItemFulfilmentStarted", "FulfilmentTaskCompleted", "FulfilmentTaskCompleted", "AccessGranted",
                "FulfilmentTaskCompleted", "ServiceRequestFulfilled", "ServiceRequestClosed"), types(events).subList(0, 13));
        JsonNode budget = json(events.get(2));
        assertEquals("Budget (sponsor)", budget.path("level").path("name").asText());
        assertEquals("sam", budget.path("level").path("approvers").get(0).asText());
        JsonNode approved = json(events.get(3));
        assertEquals("sam", approved.path("approver").asText());
        assertTrue(!approved.path("automatic").asBoolean());
        assertEquals("1Z999", json(events.get(7)).path("task").path("trackingReference").asText());
        assertEquals("ACTIVE", json(events.get(9)).path("grant").path("state").asText());
        JsonNode closed = json(events.get(12));
        assertTrue(!closed.path("automatic").asBoolean());
        assertEquals("CLOSED", closed.path("state").asText());

        agent().get(BASE + "/" + id + "/history").then().statusCode(200)
                .body("items.action", hasItem("submit")).body("items.action", hasItem("approve"))
                .body("items.action", hasItem("task-complete")).body("items.action", hasItem("close"))
                .body("items[0].actor", equalTo("bob"));
    }

    @Test
    void oneRejectionRejectsTheRequest() {
        CatalogEvents.Orderable o = orderable(true, List.of());
        String id = create(o);
        command(requester("sam"), id, "reject", Map.of("comment", "Use the pool laptop")).then().statusCode(200)
                .body("state", equalTo("REJECTED")).body("approvalStatus", equalTo("REJECTED"))
                .body("items.state", everyItem(equalTo("CANCELED"))).body("allowedCommands", hasSize(0));
        List<TopicReader.Received> events = events(id, 3);
        assertEquals(List.of("ServiceRequestSubmitted", "RequestApprovalRequested", "RequestRejected"), types(events));
        JsonNode rejected = json(events.get(2));
        assertEquals("sam", rejected.path("approver").asText());
        assertEquals("Use the pool laptop", rejected.path("comment").asText());
        assertEquals("Budget (sponsor)", rejected.path("level").path("name").asText());
    }

    @Test
    void aQuestionPausesTheRequestUntilTheRequesterAnswers() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String id = create(o);
        command(requester("bob"), id, "provide-info", Map.of("answer", "nothing asked")).then().statusCode(409)
                .body("allowedCommands", contains("request-info", "cancel"));
        command(agent(), id, "request-info", Map.of("question", "Which building?")).then().statusCode(200)
                .body("awaitingRequester", equalTo(true)).body("pendingQuestion", equalTo("Which building?"))
                .body("allowedCommands", contains("provide-info", "cancel"));
        command(agent(), id, "request-info", Map.of("question", "Again?")).then().statusCode(409);
        command(requester("bob"), id, "provide-info", Map.of("answer", "Building B")).then().statusCode(200)
                .body("awaitingRequester", equalTo(false)).body("pendingQuestion", nullValue());
        List<String> types = types(RequestFixtures.eventsUntil(id, "RequestInfoProvided", 1));
        assertTrue(types.indexOf("RequestInfoRequested") < types.indexOf("RequestInfoProvided"), types.toString());
        agent().get(BASE + "/" + id + "/history").then().body("items.detail", hasItem("Building B"));
    }

    @Test
    void aFailedTaskFailsItsItemUntilItIsRetried() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String id = create(o);
        String laptop = taskOf(id, "laptop");
        taskCommand(laptop, "fail", Map.of()).then().statusCode(400);
        taskCommand(laptop, "retry", Map.of()).then().statusCode(409).body("currentState", equalTo("OPEN"))
                .body("allowedCommands", contains("start", "complete", "fail"));
        taskCommand(laptop, "fail", Map.of("note", "Out of stock")).then().statusCode(200).body("state", equalTo("FAILED"))
                .body("allowedCommands", contains("retry"));
        agent().get(BASE + "/" + id).then().body("items[0].state", equalTo("FAILED")).body("state", equalTo("IN_FULFILMENT"));
        taskCommand(laptop, "retry", Map.of("note", "Stock arrived")).then().statusCode(200).body("state", equalTo("OPEN"))
                .body("notes.command", contains("fail", "retry"));
        agent().get(BASE + "/" + id).then().body("items[0].state", equalTo("IN_FULFILMENT"));
        List<TopicReader.Received> events = RequestFixtures.eventsUntil(id, "RequestItemFulfilmentStarted", 4);
        assertTrue(types(events).contains("FulfilmentTaskFailed"));
        JsonNode failed = json(events.stream().filter(r -> r.ceType().endsWith("FulfilmentTaskFailed")).findFirst().orElseThrow());
        assertEquals("Out of stock", failed.path("note").asText());
        assertEquals("FAILED", failed.path("items").get(0).path("state").asText());
        agent().queryParam("assignmentGroup", "hardware-desk").queryParam("state", "OPEN").get(BASE + "/tasks").then()
                .statusCode(200).body("items.id", hasItem(laptop));
    }

    @Test
    void cancelingEndsOpenTasksAndRevokesActiveGrants() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String id = create(o);
        taskCommand(taskOf(id, "vpn"), "complete", Map.of()).then().statusCode(200);
        command(requester("bob"), id, "cancel", Map.of("reason", "Contract withdrawn")).then().statusCode(200)
                .body("state", equalTo("CANCELED")).body("cancelReason", equalTo("Contract withdrawn"))
                .body("items.state", contains("CANCELED", "FULFILLED", "CANCELED"))
                .body("items.taskState", contains("CANCELED", "COMPLETED", "CANCELED"));
        requester("bob").get(BASE + "/" + id + "/grants").then().statusCode(200)
                .body("items[0].state", equalTo("REVOKED")).body("items[0].revokeReason", equalTo("REQUEST_CANCELED"))
                .body("items[0].revokedBy", equalTo("bob"));
        List<TopicReader.Received> events = RequestFixtures.eventsUntil(id, "ServiceRequestCanceled", 1);
        List<String> types = types(events);
        assertEquals(List.of("AccessRevoked", "ServiceRequestCanceled"), types.subList(types.size() - 2, types.size()));
        assertEquals("Contract withdrawn", json(events.get(events.size() - 1)).path("reason").asText());
    }

    @Test
    void anAgentRevokesAGrantEarlyOnce() {
        CatalogEvents.Orderable o = orderable(false, List.of());
        String id = create(o);
        taskCommand(taskOf(id, "vpn"), "complete", Map.of()).then().statusCode(200);
        String grant = agent().get(BASE + "/" + id + "/grants").then().extract().path("items[0].id");
        requester("bob").body(Map.of("reason", "mine")).post(BASE + "/" + id + "/grants/" + grant + "/revoke").then().statusCode(403);
        agent().body(Map.of("reason", "Left the project")).post(BASE + "/" + id + "/grants/" + grant + "/revoke").then()
                .statusCode(200).body("state", equalTo("REVOKED")).body("revokeReason", equalTo("REVOKED_EARLY"));
        agent().body(Map.of("reason", "again")).post(BASE + "/" + id + "/grants/" + grant + "/revoke").then().statusCode(409);
        agent().queryParam("subject", "bob").queryParam("state", "REVOKED").get(BASE + "/grants").then().statusCode(200)
                .body("items.id", hasItem(grant));
    }

    static JsonNode json(TopicReader.Received r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
