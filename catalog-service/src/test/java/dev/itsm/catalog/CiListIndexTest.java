package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.reader;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.StatementCapture;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The CI list, the largest catalogue collection, is read from an index (V2__catalog_read_path.sql):
 * the plans of the statements the service sends, on a seeded and analysed table, use an index in the
 * list's order (no Seq Scan, no full Sort) for every sort in both directions, the default order under
 * each filter, a page reached by cursor and the changes feed; q= uses the GIN full-text index.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class CiListIndexTest {

    private static final int ROWS = 5000;
    private static final Pattern FULL_SORT = Pattern.compile("(^|->)\\s*Sort\\s+\\(cost", Pattern.MULTILINE);
    private static boolean seeded;

    @Test
    void theDefaultOrderUnderEachFilterReadsAnIndexInOrder() {
        assertReadInOrder(plan(reader(), List.of()));
        assertReadInOrder(plan(reader().queryParam("ciClass", "seedclass-3"), List.of("seedclass-3")));
        assertReadInOrder(plan(reader().queryParam("environment", "seed-env-1"), List.of("seed-env-1")));
        assertReadInOrder(plan(reader().queryParam("state", "ACTIVE"), List.of("ACTIVE")));
        assertReadInOrder(plan(reader().queryParam("state", "MAINTENANCE"), List.of("MAINTENANCE")));
    }

    @Test
    void everyAllowedSortInBothDirectionsReadsAnIndexInOrder() {
        for (String field : List.of("name", "ciClass", "environment", "state", "createdAt", "updatedAt")) {
            for (String sort : List.of(field, "-" + field)) {
                assertReadInOrder(plan(reader().queryParam("sort", sort), List.of()));
            }
        }
    }

    @Test
    void aPageReachedByCursorStartsInTheIndexAtTheCursor() {
        ensureSeeded();
        JsonPath first = reader().queryParam("ciClass", "seedclass-5").queryParam("size", 20).get(BASE + "/cis").jsonPath();
        String cursor = first.getString("next");
        String name = first.getString("items[19].name");
        String id = first.getString("items[19].id");
        String plan = plan(reader().queryParam("ciClass", "seedclass-5").queryParam("size", 20).queryParam("cursor", cursor),
                List.of("seedclass-5", name, id));
        assertReadInOrder(plan);
        // the row-value comparison (name, id) > (…) is an index condition, not a filter over the rows before it
        assertTrue(plan.contains("Index Cond") && plan.contains("ROW("), plan);
    }

    @Test
    void theChangesFeedReadsTheUpdatedAtIndex() {
        String plan = plan(reader().queryParam("updatedSince", "2026-01-01T00:00:00Z"), List.of("2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z"));
        assertReadInOrder(plan);
        assertTrue(plan.contains("configuration_item_updated_order"), plan);
    }

    @Test
    void qIsServedByTheFullTextIndex() {
        String plan = plan(reader().queryParam("q", "w1234"), List.of("w1234"));
        assertTrue(plan.contains("configuration_item_search"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    private static void assertReadInOrder(String plan) {
        assertFalse(plan.contains("Seq Scan"), plan);
        assertFalse(FULL_SORT.matcher(plan).find(), plan);
        assertTrue(plan.contains("Index Scan") || plan.contains("Index Only Scan"), plan);
    }

    /** The plan of the page query the service sends for {@code request}, with {@code values} for its parameters. */
    private static String plan(RequestSpecification request, List<Object> values) {
        ensureSeeded();
        List<String> sql = SqlCapture.during(() -> request.get(BASE + "/cis").then().statusCode(200));
        String page = sql.stream().filter(q -> q.contains("from configuration_item") && q.contains(" order by ") && !q.contains("count("))
                .findFirst().orElseThrow(() -> new AssertionError("no list query captured: " + sql));
        return explain(page, values);
    }

    /**
     * PREPARE + EXPLAIN EXECUTE of a captured statement, so the plan is the one for these values, like the
     * service's: {@code values} fill its {@code ?} in order; the page's offset and row limit become literals.
     */
    private static String explain(String sql, List<Object> values) {
        String literalPaging = sql.replaceAll("offset \\? rows", "offset 0 rows").replaceAll("fetch first \\? rows", "fetch first 51 rows");
        // every value as a string literal: PostgreSQL types it from where the parameter stands
        return StatementCapture.explain("itsm_catalog", literalPaging, values.stream().map(String::valueOf).toArray());
    }

    /**
     * A few thousand CIs written straight into the table (classes seedclass-0…19, environments
     * seed-env-0…3, names "seed-ci-g wg"), vacuumed and analysed: the planner sees a table worth an index.
     */
    private static synchronized void ensureSeeded() {
        if (seeded) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from configuration_item where ci_class like 'seedclass-%'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    s.executeUpdate("""
                            insert into configuration_item (id, name, ci_class, environment, status, attributes, created_at,
                                    updated_at, version)
                            select gen_random_uuid(), 'seed-ci-' || g || ' w' || g, 'seedclass-' || g % 20, 'seed-env-' || g % 4,
                                   (array['ACTIVE', 'ACTIVE', 'ACTIVE', 'PLANNED', 'MAINTENANCE', 'ACTIVE', 'ACTIVE', 'RETIRED'])[1 + g % 8],
                                   '{}'::jsonb, now() - g * interval '1 minute', now() - g * interval '1 minute', 0
                            from generate_series(1, ROWS) g""".replace("ROWS", Integer.toString(ROWS)));
                }
            }
            // VACUUM also moves the new rows from the GIN index's pending list into the index proper (as
            // autovacuum does on a live table); a long pending list makes the planner avoid the index
            s.execute("vacuum analyze configuration_item");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        seeded = true;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.database("itsm_catalog"), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword());
    }
}
