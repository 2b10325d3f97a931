package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.agent;
import static dev.itsm.problemmanagement.ProblemFixtures.change;
import static dev.itsm.problemmanagement.ProblemFixtures.command;
import static dev.itsm.problemmanagement.ProblemFixtures.log;
import static dev.itsm.problemmanagement.ProblemFixtures.manager;
import static dev.itsm.problemmanagement.ProblemFixtures.newProblem;
import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.StatementCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The known-error database: full-text search on symptoms and workaround, filters, state, and the GIN index behind q. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class KnownErrorSearchTest {

    /** A problem on {@code service}/{@code ci} with a published known error; returns the known error's id. */
    private static String knownError(UUID service, UUID ci, String problemId, String symptoms, String workaround) {
        command(agent(), problemId, "start-analysis", null).then().statusCode(200);
        command(manager(), problemId, "record-root-cause", Map.of("category", "software", "analysis", "A defect")).then().statusCode(200);
        return command(manager(), problemId, "publish-known-error", Map.of("symptoms", symptoms, "workaround", workaround))
                .then().statusCode(200).extract().path("knownErrorId");
    }

    @Test
    void searchFindsBySymptomAndByWorkaroundWordsAndFiltersByServiceAndCi() {
        UUID service = UUID.randomUUID();
        UUID ci = UUID.randomUUID();
        String printing = knownError(service, ci, log(newProblem(service, ci)),
                "Invoices print as blank pages on the warehouse printers", "Reinstall the vendor driver zephyrine");
        String login = knownError(service, null, log(newProblem(service, null)),
                "Users are logged out after exactly ten minutes", "Extend the session timeout in the portal settings");

        // a symptom word (stemmed: "printing" finds "print"), a workaround word, a phrase
        reader().queryParam("q", "printing blank").queryParam("serviceId", service.toString()).get("/api/v1/problems/known-errors")
                .then().statusCode(200).body("items.id", contains(printing));
        reader().queryParam("q", "zephyrine").get("/api/v1/problems/known-errors").then().body("items.id", contains(printing))
                .body("items[0].workaround", equalTo("Reinstall the vendor driver zephyrine"));
        reader().queryParam("q", "\"session timeout\"").queryParam("serviceId", service.toString()).get("/api/v1/problems/known-errors")
                .then().body("items.id", contains(login));
        // filters
        reader().queryParam("serviceId", service.toString()).get("/api/v1/problems/known-errors").then()
                .body("items.id", contains(login, printing)).body("total", equalTo(2));
        reader().queryParam("ciId", ci.toString()).get("/api/v1/problems/known-errors").then().body("items.id", contains(printing));
        reader().queryParam("ciId", ci.toString()).queryParam("q", "session").get("/api/v1/problems/known-errors").then()
                .body("items", empty());
        reader().queryParam("serviceId", service.toString()).queryParam("state", "ACTIVE").get("/api/v1/problems/known-errors")
                .then().body("items.id", contains(login, printing));
    }

    @Test
    void aKnownErrorIsRetiredWhenItsProblemCloses() {
        UUID service = UUID.randomUUID();
        String problem = log(newProblem(service, null));
        String ke = knownError(service, null, problem, "Exports time out for large tenants", "Export per month");
        command(manager(), problem, "propose-fix", Map.of("changeId", change("CLOSED", true).toString())).then().statusCode(200);
        command(manager(), problem, "close", null).then().statusCode(200);
        reader().queryParam("serviceId", service.toString()).queryParam("state", "RETIRED").get("/api/v1/problems/known-errors")
                .then().body("items.id", contains(ke)).body("items[0].state", equalTo("RETIRED"));
        reader().queryParam("serviceId", service.toString()).queryParam("state", "ACTIVE").get("/api/v1/problems/known-errors")
                .then().body("items.id", not(hasItem(ke)));
    }

    @Test
    void anyQIsAnAnswerNeverAServerError() {
        for (String q : List.of("((( & | !", "'; drop table known_error; --", "\"unclosed", "-", "a\u0000b", "the", "ö ü 日本")) {
            reader().queryParam("q", q).get("/api/v1/problems/known-errors").then().statusCode(200);
        }
        reader().queryParam("q", "x").queryParam("cursor", "abc").get("/api/v1/problems/known-errors").then().statusCode(400);
        reader().queryParam("state", "GONE").get("/api/v1/problems/known-errors").then().statusCode(400);
        reader().get("/api/v1/problems/known-errors/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theSearchReadsTheGinIndex() throws Exception {
        seedKnownErrors(20_000);
        List<String> sql = ProblemSqlCapture.during(() -> reader().queryParam("q", "seedword1234").get("/api/v1/problems/known-errors")
                .then().statusCode(200).body("items.size()", equalTo(1)));
        String page = sql.stream().filter(s -> s.contains("from known_error") && s.contains("ts_rank")).findFirst().orElseThrow();
        String plan = StatementCapture.explain(ProblemFixtures.DATABASE, page, "seedword1234", "seedword1234", 51, 0);
        assertTrue(plan.contains("known_error_search"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    private static void seedKnownErrors(int n) throws Exception {
        try (Connection c = ProblemFixtures.connect(); Statement s = c.createStatement()) {
            if (ProblemFixtures.count("select count(*) from known_error where number like 'KES%'") >= n) {
                return;
            }
            s.execute("insert into problem (id, number, title, impact, urgency, priority, state, logged_by, logged_at, updated_at, version) "
                    + "select md5('seed' || g)::uuid, 'PRS' || lpad(g::text, 7, '0'), 'Seeded problem ' || g, 'LOW', 'LOW', 'P5', "
                    + "'KNOWN_ERROR', 'seed', now(), now(), 0 from generate_series(1, " + n + ") g on conflict do nothing");
            s.execute("insert into known_error (id, number, problem_id, title, symptoms, workaround, status, revision, published_at, "
                    + "updated_at, version) select md5('ke' || g)::uuid, 'KES' || lpad(g::text, 7, '0'), md5('seed' || g)::uuid, "
                    + "'Seeded known error ' || g, 'The service stalls with seedword' || g || ' in the log', "
                    + "'Restart the worker ' || (g % 17), 'ACTIVE', 1, now(), now(), 0 from generate_series(1, " + n + ") g "
                    + "on conflict do nothing");
            s.execute("analyze known_error");
        }
    }
}
