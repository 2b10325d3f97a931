package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.open;
import static dev.itsm.incident.Fixtures.reader;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Known error at intake stays an index probe: the statement the service sends to find the ACTIVE known
 * errors of a CI or service (KnownErrorMatcher), on 20,000 replicated known errors, reads the partial
 * GIN indexes of V8__known_errors.sql and never the whole table.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class KnownErrorMatchIndexTest {

    static final int ROWS = 20_000;

    @Test
    void findingTheKnownErrorsOfACiOrServiceReadsTheGinIndexes() throws Exception {
        String ci;
        String service;
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(Fixtures.DATABASE),
                TestInfrastructure.dbUser(), TestInfrastructure.dbPassword()); Statement s = c.createStatement()) {
            // services and CIs no other test uses (md5-derived ids); a quarter of the rows RETIRED
            s.executeUpdate("""
                    insert into known_error_replica (id, number, problem_id, problem_number, title, workaround, service_ids,
                            ci_ids, status, revision, occurred_at)
                    select gen_random_uuid(), 'KE' || lpad(g::text, 7, '0'), gen_random_uuid(), 'PRB' || lpad(g::text, 7, '0'),
                           'Seeded known error ' || g, 'Seeded workaround ' || g,
                           array[md5('ke-service-' || g % 1000)::uuid],
                           array[md5('ke-ci-' || g)::uuid, md5('ke-ci-' || (g * 7) % ROWS)::uuid],
                           case when g % 4 = 0 then 'RETIRED' else 'ACTIVE' end, 1, now()
                    from generate_series(1, ROWS) g""".replace("ROWS", Integer.toString(ROWS)));
            // as autovacuum would: GIN pending list into the index, statistics for the planner
            s.execute("vacuum analyze known_error_replica");
            try (ResultSet rs = s.executeQuery("select md5('ke-ci-4711')::uuid, md5('ke-service-42')::uuid")) {
                rs.next();
                ci = rs.getString(1);
                service = rs.getString(2);
            }
        }
        String incident = open();
        List<String> sql = SqlCapture.during(() -> reader().get("/api/v1/incidents/" + incident).then().statusCode(200));
        String statement = sql.stream().filter(q -> q.contains("from known_error_replica")).findFirst()
                .orElseThrow(() -> new AssertionError("no known-error statement captured: " + sql));

        String plan = SeededIncidents.explain(statement, "{" + ci + "}", "{" + service + "}");
        assertFalse(plan.contains("Seq Scan"), plan);
        assertTrue(plan.contains("known_error_replica_active_cis"), plan);
        assertTrue(plan.contains("known_error_replica_active_services"), plan);
    }
}
