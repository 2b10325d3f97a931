package dev.itsm.request;

import static dev.itsm.request.RequestFixtures.agent;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.StatementCapture;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code q=} on requests (a substring of the offering name, any case, or the number) is served by the pg_trgm GIN
 * index of V3__request_search_trigram.sql, not a sequential scan of every request.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_request"))
class RequestSearchIndexTest {

    private static final String DATABASE = "itsm_request";
    private static final int ROWS = 20_000;

    @Test
    void aSubstringOfTheOfferingNameIsFoundThroughTheTrigramIndex() throws Exception {
        seed();
        List<String> sql = SqlCapture.during(() -> agent().queryParam("q", "ZEBRAPHONE12345").get(RequestFixtures.BASE)
                .then().statusCode(200).body("items.size()", equalTo(1)));
        String page = sql.stream().filter(s -> s.contains("from request") && s.contains("ilike") && !s.contains("count("))
                .findFirst().orElseThrow(() -> new AssertionError("no list statement captured: " + sql));
        String plan = StatementCapture.explain(DATABASE, page, values(page, "ZEBRAPHONE12345"));
        assertTrue(plan.contains("request_offering_name_trgm"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    /** The statement's parameters: the ILIKE pattern, the number as typed, and page limits. */
    private static Object[] values(String sql, String q) {
        return StatementCapture.values(sql, before -> before.endsWith("ilike") ? "%" + q + "%"
                : before.endsWith("upper(") ? q : (Object) 51);
    }

    /** Requests written straight into the table (through REST they would take minutes), vacuumed and analysed. */
    private static void seed() throws Exception {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); Statement s = c.createStatement()) {
            s.execute("insert into request (id, number, offering_id, offering_name, organisation_id, requested_by, requested_for, "
                    + "state, approval_status, submitted_at, created_at, updated_at, version) "
                    + "select md5('trgm' || g)::uuid, 'RQT' || lpad(g::text, 7, '0'), md5('offering' || (g % 50))::uuid, "
                    + "'Laptop zebraphone' || g, md5('org' || (g % 20))::uuid, 'seed', 'seed', 'CLOSED', 'NOT_REQUIRED', "
                    + "now() - g * interval '1 minute', now(), now(), 0 from generate_series(1, " + ROWS + ") g "
                    + "on conflict do nothing");
            // as autovacuum does on a live table: the GIN pending list into the index proper, statistics for the planner
            s.execute("vacuum analyze request");
        }
    }
}
