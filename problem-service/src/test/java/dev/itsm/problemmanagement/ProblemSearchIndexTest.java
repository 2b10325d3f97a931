package dev.itsm.problemmanagement;

import static dev.itsm.problemmanagement.ProblemFixtures.reader;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.StatementCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code q=} on problems (a substring of title or description, any case, or the number) is served by the pg_trgm GIN
 * indexes of V32__problem_search_trigram.sql, not a sequential scan of every problem.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_problem"))
class ProblemSearchIndexTest {

    private static final int ROWS = 20_000;

    @Test
    void aSubstringOfTitleOrDescriptionIsFoundThroughTheTrigramIndexes() throws Exception {
        seed();
        for (String q : List.of("trgword12345", "TRGDESC12345")) {
            List<String> sql = ProblemSqlCapture.during(() -> reader().queryParam("q", q).get("/api/v1/problems")
                    .then().statusCode(200).body("items.size()", equalTo(1)));
            String page = sql.stream().filter(s -> s.contains("from problem") && s.contains("ilike") && !s.contains("count("))
                    .findFirst().orElseThrow(() -> new AssertionError("no list statement captured: " + sql));
            String plan = StatementCapture.explain(ProblemFixtures.DATABASE, page, values(page, q));
            assertTrue(plan.contains("problem_title_trgm") && plan.contains("problem_description_trgm"), plan);
            assertFalse(plan.contains("Seq Scan"), plan);
        }
    }

    /** The statement's parameters: the ILIKE pattern, the number as typed, and page limits. */
    private static Object[] values(String sql, String q) {
        return StatementCapture.values(sql, before -> before.endsWith("ilike") ? "%" + q + "%"
                : before.endsWith("upper(") ? q : (Object) 51);
    }

    /** Problems written straight into the table (through REST they would take minutes), vacuumed and analysed. */
    private static void seed() throws Exception {
        try (Connection c = ProblemFixtures.connect(); Statement s = c.createStatement()) {
            s.execute("insert into problem (id, number, title, description, impact, urgency, priority, state, logged_by, "
                    + "logged_at, updated_at, version) select md5('trgm' || g)::uuid, 'PRT' || lpad(g::text, 7, '0'), "
                    + "'Disk latency trgword' || g, 'Seen on host trgdesc' || g || ' at night', 'LOW', 'LOW', 'P5', "
                    + "'LOGGED', 'seed', now() - g * interval '1 minute', now(), 0 from generate_series(1, " + ROWS + ") g "
                    + "on conflict do nothing");
            // as autovacuum does on a live table: the GIN pending list into the index proper, statistics for the planner
            s.execute("vacuum analyze problem");
        }
    }
}
