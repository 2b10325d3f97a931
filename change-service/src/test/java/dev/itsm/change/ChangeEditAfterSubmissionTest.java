package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.as;
import static dev.itsm.change.Api.command;
import static dev.itsm.change.Api.create;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.normal;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Once a change has left NEW, its content is what the risk assessment and the approvers saw (for a
 * STANDARD change: what its model pre-authorised). A PATCH may then only move the planned window;
 * any other edit is a 409 naming the state and the fields, and changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ChangeEditAfterSubmissionTest {

    private static RequestSpecification otherAgent() {
        return as("sam", Roles.AGENT).contentType("application/merge-patch+json");
    }

    private static void refused(String id, Map<String, Object> patch, String state, String... fields) {
        String etag = rita().get(CHANGES + "/" + id).then().extract().header("ETag");
        otherAgent().header("If-Match", etag).body(patch).patch(CHANGES + "/" + id).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/content-frozen"))
                .body("currentState", equalTo(state)).body("changedFields", contains(fields))
                .body("editableFields", contains("plannedStart", "plannedEnd"))
                .body("detail", containsString("cancel"));
        rita().get(CHANGES + "/" + id).then().statusCode(200).header("ETag", etag);
    }

    @Test
    void anApprovedChangeCannotTakeANewPlanOrScope() {
        String id = Api.authorisedNormal("Approved content", freshSlot(), Duration.ofHours(1), List.of(Api.service("approved")), List.of());
        refused(id, Map.of("implementationPlan", "drop the database"), "AUTHORIZE", "implementationPlan");
        refused(id, Map.of("backoutPlan", "none", "serviceIds", List.of(UUID.randomUUID()), "ciIds", List.of(UUID.randomUUID())),
                "AUTHORIZE", "backoutPlan", "serviceIds", "ciIds");
        JsonPath after = rita().get(CHANGES + "/" + id).then().extract().jsonPath();
        assertEquals("do it", after.getString("implementationPlan"));
        assertEquals("undo it", after.getString("backoutPlan"));
        assertEquals("APPROVED", after.getString("approvalStatus"));
        assertEquals(List.of("carol"), after.getList("approvalDecisions.approver"));
    }

    @Test
    void aChangeAwaitingAssessmentOrApprovalIsFrozenToo() {
        String id = create(normal("Under assessment", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        command(rita(), id, "submit", null);
        refused(id, Map.of("backoutPlan", " "), "ASSESS", "backoutPlan");
        command(rita(), id, "assess", Map.of("answers", Api.lowRisk()));
        refused(id, Map.of("title", "Something else", "description", "new text", "justification", "other",
                "testPlan", "none"), "AUTHORIZE", "title", "description", "justification", "testPlan");
    }

    @Test
    void aScheduledChangeKeepsItsScopeButMayMoveItsWindow() {
        Instant slot = freshSlot();
        String id = Api.scheduledNormal("Scheduled content", slot, Duration.ofHours(1), List.of(Api.service("scheduled")), List.of());
        refused(id, Map.of("serviceIds", List.of(UUID.randomUUID())), "SCHEDULED", "serviceIds");

        // the whole document sent back unchanged, with a new window: only the window moves (conflict re-checked)
        JsonPath current = rita().get(CHANGES + "/" + id).then().extract().jsonPath();
        Map<String, Object> whole = new HashMap<>();
        for (String f : List.of("title", "description", "justification", "implementationPlan", "backoutPlan", "testPlan",
                "serviceIds", "ciIds")) {
            whole.put(f, current.get(f));
        }
        whole.put("plannedStart", slot.plus(Duration.ofHours(1)).toString());
        whole.put("plannedEnd", slot.plus(Duration.ofHours(2)).toString());
        otherAgent().body(whole).patch(CHANGES + "/" + id).then().statusCode(200)
                .body("state", equalTo("SCHEDULED")).body("plannedStart", equalTo(slot.plus(Duration.ofHours(1)).toString()));
    }

    @Test
    void aNewChangeIsFreelyEditable() {
        String id = create(normal("Still a draft", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        UUID service = Api.service("draft");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> otherAgent()
                .body(Map.of("implementationPlan", "a better plan", "serviceIds", List.of(service)))
                .patch(CHANGES + "/" + id).then().statusCode(200).body("implementationPlan", equalTo("a better plan")));
    }
}
