package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.agent;
import static dev.itsm.problemmanagement.ProblemFixtures.as;
import static dev.itsm.problemmanagement.ProblemFixtures.command;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.manager;
import static dev.itsm.problemmanagement.ProblemFixtures.newProblem;
import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may do what: agents log, edit, start the analysis and link; root cause, known error, fix,
 * resolution, reopening, closure and cancelation are the problem manager's (and the admin's).
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemRolesTest {

    @Test
    void anAgentMayNotRecordARootCausePublishAKnownErrorOrCloseButAProblemManagerMay() {
        String id = log();
        command(agent(), id, "start-analysis", null).then().statusCode(200);
        Map<String, Object> rootCause = Map.of("category", "capacity", "analysis", "Pool exhausted");
        command(agent(), id, "record-root-cause", rootCause).then().statusCode(403);
        command(reader(), id, "record-root-cause", rootCause).then().statusCode(403);
        command(as("chris", Roles.CHANGE_MANAGER), id, "record-root-cause", rootCause).then().statusCode(403);
        command(manager(), id, "record-root-cause", rootCause).then().statusCode(200);
        Map<String, Object> knownError = Map.of("symptoms", "502", "workaround", "restart");
        command(agent(), id, "publish-known-error", knownError).then().statusCode(403);
        command(as("root", Roles.ADMIN), id, "publish-known-error", knownError).then().statusCode(200);
        command(agent(), id, "propose-fix", Map.of("changeId", UUID.randomUUID().toString())).then().statusCode(403);
        command(agent(), id, "resolve", null).then().statusCode(403);
        command(agent(), id, "reopen", Map.of("reason", "r")).then().statusCode(403);
        command(agent(), id, "close", null).then().statusCode(403);
        command(agent(), id, "cancel", Map.of("reason", "r")).then().statusCode(403);
        reader().get("/api/v1/problems/" + id).then().statusCode(200).body("state", equalTo("KNOWN_ERROR"));
    }

    @Test
    void aReaderReadsButWritesNothingAndAProblemManagerMayDoWhatAnAgentDoes() {
        reader().body(newProblem(UUID.randomUUID(), null)).post("/api/v1/problems").then().statusCode(403);
        String id = manager().body(newProblem(UUID.randomUUID(), null)).post("/api/v1/problems").then().statusCode(201).extract().path("id");
        reader().body(Map.of("title", "x")).patch("/api/v1/problems/" + id).then().statusCode(403);
        command(reader(), id, "start-analysis", null).then().statusCode(403);
        manager().body(Map.of("title", "Renamed")).patch("/api/v1/problems/" + id).then().statusCode(200);
        command(manager(), id, "start-analysis", null).then().statusCode(200);
        reader().get("/api/v1/problems/" + id + "/history").then().statusCode(200);
        reader().get("/api/v1/problems/known-errors").then().statusCode(200);
    }
}
