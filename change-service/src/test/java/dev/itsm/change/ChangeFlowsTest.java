package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.as;
import static dev.itsm.change.Api.command;
import static dev.itsm.change.Api.create;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.manager;
import static dev.itsm.change.Api.normal;
import static dev.itsm.change.Api.ofType;
import static dev.itsm.change.Api.rita;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The lifecycle flows per change type over REST, with their events on itsm.change.events. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ChangeFlowsTest {

    static final String TOPIC = "itsm.change.events";

    static List<Received> events(String changeId, int count) {
        return TopicReader.await(TOPIC, count, Duration.ofSeconds(30), r -> changeId.equals(r.key()));
    }

    static List<String> types(List<Received> events) {
        return events.stream().map(r -> r.ceType().substring("dev.itsm.change.".length())).toList();
    }

    @Test
    void aStandardChangeFromAModelIsScheduledWithoutApprovalAndRunsToClosure() {
        String modelId = manager().body(Map.of("name", "Certificate rotation " + UUID.randomUUID(), "implementationPlan", "swap cert",
                "backoutPlan", "restore old cert", "testPlan", "curl")).post(CHANGES + "/models")
                .then().statusCode(201).extract().path("id");
        Instant start = freshSlot();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Rotate shop certificate");
        body.put("type", "STANDARD");
        body.put("modelId", modelId);
        body.put("serviceIds", List.of(Api.service("shop")));
        body.put("plannedStart", start.toString());
        body.put("plannedEnd", start.plus(Duration.ofMinutes(30)).toString());
        JsonPath created = create(body);
        String id = created.getString("id");
        assertEquals("swap cert", created.getString("implementationPlan"), "plans pre-filled from the model");
        assertEquals("NOT_REQUIRED", created.getString("approvalStatus"));
        assertEquals(List.of("schedule", "cancel"), created.getList("allowedCommands"));

        rita().post(CHANGES + "/" + id + "/submit").then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("NEW")).body("allowedCommands", contains("schedule", "cancel"));

        assertEquals("SCHEDULED", command(rita(), id, "schedule", Map.of()).getString("state"));
        assertEquals("IMPLEMENT", command(rita(), id, "start", null).getString("state"));
        assertEquals("REVIEW", command(rita(), id, "complete", null).getString("state"));
        JsonPath closed = command(rita(), id, "close", Map.of("closeCode", "SUCCESSFUL", "notes", "done"));
        assertEquals("CLOSED", closed.getString("state"));
        assertEquals("SUCCESSFUL", closed.getString("closeCode"));
        assertEquals(List.of(), closed.getList("allowedCommands"));

        List<Received> events = events(id, 5);
        assertEquals(List.of("ChangeRequested", "ChangeScheduled", "ChangeImplementationStarted", "ChangeImplemented", "ChangeClosed"),
                types(events));
    }

    @Test
    void aNormalMediumRiskChangeNeedsTwoLevelsInSequence() {
        UUID service = Api.service("postgres");
        JsonPath created = create(normal("Upgrade PostgreSQL", freshSlot(), Duration.ofHours(1), List.of(service), List.of()));
        String id = created.getString("id");
        assertTrue(created.getString("number").matches("CHG\\d{7}"), created.getString("number"));
        assertEquals("NEW", created.getString("state"));

        assertEquals("ASSESS", command(rita(), id, "submit", null).getString("state"));
        rita().body(Map.of("answers", Map.of("customerFacing", true))).post(CHANGES + "/" + id + "/assess")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasSize(3));
        JsonPath assessed = command(rita(), id, "assess", Map.of("answers", Map.of("customerFacing", true,
                "untestedInStaging", false, "noBackout", false, "firstOfItsKind", false)));
        assertEquals("AUTHORIZE", assessed.getString("state"));
        assertEquals("MEDIUM", assessed.getString("risk"));
        assertEquals(3, assessed.getInt("riskScore"), "2 for customer facing + 1 impacted service");
        assertEquals(List.of("Technical review", "CAB"), assessed.getList("approvalLevels.name"));
        assertEquals(List.of("OPEN", "WAITING"), assessed.getList("approvalLevels.status"));

        // level 2 approvers must wait for level 1
        as("carl", Roles.CHANGE_MANAGER).body(Map.of("comment", "early")).post(CHANGES + "/" + id + "/approve")
                .then().statusCode(403).contentType(PROBLEM).body("type", containsString("not-an-approver"));
        JsonPath afterTech = command(as("tom", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "tech ok"));
        assertEquals(List.of("APPROVED", "OPEN"), afterTech.getList("approvalLevels.status"));
        // quorum of 2 at the CAB; nobody decides twice
        command(as("cora", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "fine"));
        as("cora", Roles.CHANGE_MANAGER).body(Map.of("comment", "again")).post(CHANGES + "/" + id + "/approve")
                .then().statusCode(409).contentType(PROBLEM).body("type", containsString("already-decided"));
        JsonPath approved = command(as("cleo", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "go"));
        assertEquals("APPROVED", approved.getString("approvalStatus"));
        assertEquals(List.of("tom", "cora", "cleo"), approved.getList("approvalDecisions.approver"), "history of every decision");
        assertEquals(List.of("schedule", "cancel"), approved.getList("allowedCommands"));
        assertEquals("SCHEDULED", command(rita(), id, "schedule", null).getString("state"));

        List<Received> events = events(id, 7);
        assertEquals(List.of("ChangeRequested", "ChangeSubmitted", "ChangeAssessed", "ChangeApprovalRequested",
                "ChangeApprovalRequested", "ChangeApproved", "ChangeScheduled"), types(events).subList(0, 7));
        Received approval = events.get(4);
        JsonPath payload = new JsonPath(approval.value());
        assertEquals(2, payload.getInt("level"));
        assertEquals("CAB", payload.getString("levelName"));
        assertEquals(2, payload.getInt("required"));
        assertEquals(id, payload.getString("changeId"));
        assertEquals("AUTHORIZE", payload.getString("state"));
        for (Received r : events) {
            assertEquals("1.0", r.header("ce_specversion"));
            assertEquals("/itsm/change-service", r.header("ce_source"));
            assertEquals(id, r.header("ce_subject"));
            assertTrue(r.ceId() != null && r.header("ce_time") != null);
            assertEquals("application/json", r.header("content-type"));
        }
    }

    @Test
    void theRequesterCannotApproveTheirOwnChange() {
        String id = create(normal("Self approval attempt", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        command(as("carol", Roles.CHANGE_MANAGER), id, "submit", null);
        command(rita(), id, "assess", Map.of("answers", Api.lowRisk()));
        // rita, the requester, is neither a change manager nor on the list
        rita().body(Map.of()).post(CHANGES + "/" + id + "/approve").then().statusCode(403).contentType(PROBLEM);
        String own = as("carol", Roles.CHANGE_MANAGER).body(normal("Carol's own change", freshSlot(), Duration.ofHours(1),
                List.of(), List.of())).post(CHANGES).then().statusCode(201).extract().path("id");
        command(as("carol", Roles.CHANGE_MANAGER), own, "submit", null);
        command(as("carol", Roles.CHANGE_MANAGER), own, "assess", Map.of("answers", Api.lowRisk()));
        as("carol", Roles.CHANGE_MANAGER).body(Map.of("comment", "mine")).post(CHANGES + "/" + own + "/approve")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo("https://itsm.dev/problems/self-approval"));
        assertEquals("APPROVED", command(as("chris", Roles.CHANGE_MANAGER), own, "approve", Map.of()).getString("approvalStatus"));
    }

    @Test
    void aRejectionAtAnyLevelRejectsTheChange() {
        String id = create(normal("Risky migration", freshSlot(), Duration.ofHours(1), List.of(Api.service("risky")), List.of()))
                .getString("id");
        command(rita(), id, "submit", null);
        JsonPath high = command(rita(), id, "assess", Map.of("answers", Map.of("customerFacing", true, "untestedInStaging", true,
                "noBackout", true, "firstOfItsKind", false)));
        assertEquals("HIGH", high.getString("risk"));
        assertEquals("ALL", high.getString("approvalLevels[0].rule"));
        command(as("tina", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "ok from me"));
        as("tom", Roles.CHANGE_MANAGER).body(Map.of()).post(CHANGES + "/" + id + "/reject")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("comment"));
        JsonPath rejected = command(as("tom", Roles.CHANGE_MANAGER), id, "reject", Map.of("comment", "no tested backout"));
        assertEquals("REJECTED", rejected.getString("state"));
        assertEquals(List.of("APPROVED", "REJECTED"), rejected.getList("approvalDecisions.decision"));
        rita().body(Map.of("reason", "x")).post(CHANGES + "/" + id + "/cancel").then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("REJECTED")).body("allowedCommands", hasSize(0));
        List<Received> events = events(id, 5);
        assertEquals("ChangeRejected", types(events).get(4));
        assertEquals("tom", new JsonPath(events.get(4).value()).getString("rejectedBy"));
    }

    @Test
    void anEmergencyChangeGoesToTheEcabAndMayStartImmediately() {
        Instant now = Instant.now();
        String id = create(ofType("EMERGENCY", "Hotfix payment outage", now.minus(Duration.ofMinutes(10)), Duration.ofHours(1),
                List.of(Api.service("emergency")), List.of())).getString("id");
        JsonPath submitted = command(rita(), id, "submit", null);
        assertEquals("AUTHORIZE", submitted.getString("state"), "no ASSESS step");
        assertEquals("ECAB", submitted.getString("approvalLevels[0].name"));
        command(as("erin", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "go"));
        assertEquals("SCHEDULED", command(rita(), id, "schedule", null).getString("state"), "a window in the past is fine for EMERGENCY");
        assertEquals("IMPLEMENT", command(rita(), id, "start", null).getString("state"));
    }

    @Test
    void cancelWorksFromEveryNonFinalStateAndIsRecorded() {
        String id = create(normal("Maybe later", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        command(rita(), id, "submit", null);
        rita().body(Map.of()).post(CHANGES + "/" + id + "/cancel").then().statusCode(400).contentType(PROBLEM);
        JsonPath canceled = command(rita(), id, "cancel", Map.of("reason", "superseded"));
        assertEquals("CANCELED", canceled.getString("state"));
        assertEquals("superseded", canceled.getString("cancelReason"));
        List<Received> events = events(id, 3);
        JsonPath payload = new JsonPath(events.get(2).value());
        assertEquals("ASSESS", payload.getString("previousState"));
        assertEquals("CANCELED", payload.getString("state"));
    }

    @Test
    void aNormalChangeCannotBeScheduledInThePast() {
        String id = Api.authorisedNormal("Too late", Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1), List.of(), List.of());
        rita().body(Map.of()).post(CHANGES + "/" + id + "/schedule").then().statusCode(422).contentType(PROBLEM)
                .body("type", containsString("window-in-the-past"));
    }

    @Test
    void listsAreFilteredSortedAndPaged() {
        UUID service = Api.service("paged");
        for (int i = 0; i < 3; i++) {
            create(normal("Paged " + i, freshSlot(), Duration.ofHours(1), List.of(service), List.of()));
        }
        io.restassured.response.Response r = rita().queryParam("serviceId", service).queryParam("size", 2)
                .queryParam("sort", "-number").get(CHANGES);
        r.then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(2))
                .body("items[0].title", equalTo("Paged 2")).header("Link", containsString("rel=\"next\""));
        rita().queryParam("state", "NEW").queryParam("type", "NORMAL").queryParam("size", 1).get(CHANGES)
                .then().statusCode(200).body("items[0].state", equalTo("NEW"));
        rita().queryParam("state", "DREAMING").get(CHANGES).then().statusCode(400).contentType(PROBLEM);
        rita().queryParam("sort", "secret").get(CHANGES).then().statusCode(400).contentType(PROBLEM);
        rita().queryParam("size", 501).get(CHANGES).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void createValidatesItsInputAndHonoursIdempotencyKeys() {
        rita().body(Map.of("type", "NORMAL")).post(CHANGES).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("title"));
        rita().body(Map.of("title", "x", "type", "WHENEVER")).post(CHANGES).then().statusCode(400).contentType(PROBLEM);
        rita().body(Map.of("title", "x", "type", "STANDARD")).post(CHANGES).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("modelId"));
        rita().body(Map.of("title", "x", "type", "STANDARD", "modelId", UUID.randomUUID())).post(CHANGES)
                .then().statusCode(422).contentType(PROBLEM);
        Instant s = freshSlot();
        rita().body(Map.of("title", "x", "type", "NORMAL", "plannedStart", s.toString(), "plannedEnd", s.toString()))
                .post(CHANGES).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("plannedEnd"));
        rita().body("{\"title\":").post(CHANGES).then().statusCode(400).contentType(PROBLEM);

        String key = UUID.randomUUID().toString();
        Map<String, Object> body = normal("Idempotent", freshSlot(), Duration.ofHours(1), List.of(), List.of());
        String first = rita().header("Idempotency-Key", key).body(body).post(CHANGES).then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/changes/[0-9a-f-]{36}")).header("ETag", "\"0\"")
                .extract().path("id");
        String again = rita().header("Idempotency-Key", key).body(body).post(CHANGES).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
    }

    @Test
    void submittingWithoutEitherPlanNamesEveryMissingPlan() {
        Map<String, Object> body = normal("No plans yet", freshSlot(), Duration.ofHours(1), List.of(), List.of());
        body.remove("implementationPlan");
        body.remove("backoutPlan");
        String id = create(body).getString("id");
        rita().post(CHANGES + "/" + id + "/submit").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/incomplete-change"))
                .body("errors.field", contains("implementationPlan", "backoutPlan"))
                .body("missingPlans", contains("implementationPlan", "backoutPlan"))
                .body("detail", containsString("implementationPlan")).body("detail", containsString("backoutPlan"));
        rita().get(CHANGES + "/" + id).then().body("state", equalTo("NEW"));
    }

    @Test
    void patchEditsFieldsWithIfMatchAndRejectsUnknownOnes() {
        String id = create(normal("Patch me", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        rita().get(CHANGES + "/" + id).then().statusCode(200).header("ETag", "\"0\"");
        rita().contentType("application/merge-patch+json").header("If-Match", "\"7\"").body("{\"title\":\"New\"}")
                .patch(CHANGES + "/" + id).then().statusCode(412).contentType(PROBLEM);
        rita().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"title\":\"Patched\",\"description\":null,\"testPlan\":\"new tests\"}")
                .patch(CHANGES + "/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo("Patched")).body("testPlan", equalTo("new tests"));
        rita().body("{\"state\":\"CLOSED\",\"number\":\"CHG1\"}").patch(CHANGES + "/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors", hasSize(2)).body("errors.field", hasItems("state", "number"));
        rita().body("{\"plannedStart\":\"yesterday\"}").patch(CHANGES + "/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("plannedStart"));
        rita().body("{\"serviceIds\":[\"nope\"]}").patch(CHANGES + "/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", startsWith("serviceIds"));
        rita().body("{\"title\":").patch(CHANGES + "/" + id).then().statusCode(400).contentType(PROBLEM);
        rita().get(CHANGES + "/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        rita().get(CHANGES + "/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        rita().get(CHANGES + "/risk-questions").then().statusCode(200).body("id", hasSize(4)).body("[0].text", notNullValue());
    }
}
