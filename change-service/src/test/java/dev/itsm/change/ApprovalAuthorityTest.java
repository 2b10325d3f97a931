package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.as;
import static dev.itsm.change.Api.command;
import static dev.itsm.change.Api.create;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.normal;
import static dev.itsm.change.Api.rita;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may decide an approval is enforced by the service itself, on the path as it routes it:
 * approve/reject need {@code itsm-change-manager} or {@code itsm-admin} (role, from the OpenAPI and
 * {@link SecurityTest}) and a place on the open level's approver list (object level). An agent on
 * the list is refused however the command is spelled. The service decodes the path and drops
 * matrix parameters before it routes, so {@code appro%76e} and {@code approve;x=1} are {@code approve}
 * with all of its rules; a gateway must judge that same normalised path.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ApprovalAuthorityTest {

    /** Spellings of {@code approve} a gateway matching raw path segments would not recognise. */
    private static final List<String> DISGUISED_APPROVE = List.of("approve", "appro%76e", "%61pprove", "approve;x=1");

    /** A raw request: the path is sent exactly as written, with no encoding by the client. */
    private static RequestSpecification raw(String user, String role) {
        return RestAssured.given().urlEncodingEnabled(false).header("Authorization", TestTokens.bearer(user, role))
                .contentType(ContentType.JSON).body(Map.of("comment", "looks fine"));
    }

    /** A low-risk NORMAL change in AUTHORIZE; its one level (ANY) lists carol and chris. */
    private static String awaitingApproval(String title) {
        String id = create(normal(title, freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
        command(rita(), id, "submit", null);
        command(rita(), id, "assess", Map.of("answers", Api.lowRisk()));
        return id;
    }

    @Test
    void anAgentOnTheApproverListCannotApproveOrRejectHoweverThePathIsSpelled() {
        String id = awaitingApproval("Agent tries to approve");
        for (String spelling : DISGUISED_APPROVE) {
            raw("carol", Roles.AGENT).post(CHANGES + "/" + id + "/" + spelling)
                    .then().statusCode(403).contentType(PROBLEM);
        }
        raw("carol", Roles.AGENT).post(CHANGES + "/" + id + "/rej%65ct").then().statusCode(403).contentType(PROBLEM);
        raw("carol", Roles.AGENT).post(CHANGES + "/" + id + "/reject").then().statusCode(403).contentType(PROBLEM);
        rita().get(CHANGES + "/" + id).then().statusCode(200).body("state", equalTo("AUTHORIZE"))
                .body("approvalStatus", equalTo("PENDING")).body("approvalDecisions", hasSize(0));
    }

    @Test
    void theRoleIsRefusedBeforeTheChangeIsLookedAt() {
        String id = awaitingApproval("Reader tries to approve");
        raw("carol", Roles.READER).post(CHANGES + "/" + id + "/appro%76e").then().statusCode(403).contentType(PROBLEM);
        raw("carol", Roles.CHANGE_MANAGER + "-not").post(CHANGES + "/" + id + "/approve").then().statusCode(403);
    }

    @Test
    void aChangeManagerOnTheListDecidesThroughEverySpellingTheServiceRoutesToApprove() {
        // the service decodes the path and drops matrix parameters before it routes: both ARE approve,
        // with every rule of approve (role, approver list, one decision per level)
        for (String spelling : List.of("appro%76e", "approve;x=1")) {
            String id = awaitingApproval("Manager approves via " + spelling);
            raw("carol", Roles.CHANGE_MANAGER).post(CHANGES + "/" + id + "/" + spelling).then().statusCode(200)
                    .body("approvalStatus", equalTo("APPROVED")).body("approvalDecisions.approver", equalTo(List.of("carol")));
            raw("carol", Roles.CHANGE_MANAGER).post(CHANGES + "/" + id + "/" + spelling).then().statusCode(409).contentType(PROBLEM);
        }
    }

    @Test
    void aChangeManagerWhoIsNotOnTheOpenLevelIsRefused() {
        String id = awaitingApproval("Manager outside the approver list");
        raw("mia", Roles.CHANGE_MANAGER).post(CHANGES + "/" + id + "/approve").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/not-an-approver"));
        raw("mia", Roles.ADMIN).post(CHANGES + "/" + id + "/reject").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/not-an-approver"));
        assertEquals("APPROVED", command(as("chris", Roles.ADMIN), id, "approve", Map.of()).getString("approvalStatus"),
                "an admin on the list decides like a change manager");
    }
}
