package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every sort the list allows, and the default order under each common filter, is read from an
 * index (V6__incident_sort_indexes.sql): the plans of the statements the service sends, on a seeded
 * and analysed table, have no Seq Scan and no full Sort (an Incremental Sort over an index whose
 * leading column is unique, as for sort=number, reads only the page).
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class IncidentListIndexTest {

    private static final Pattern FULL_SORT = Pattern.compile("(^|->)\\s*Sort\\s+\\(cost", Pattern.MULTILINE);

    @Test
    void theDefaultListFilteredByStateReadsAnIndexInOrder() {
        // which index depends on the statistics (a common state: newest first, filtered; a rare one:
        // incident_state_order); never the whole table sorted
        String plan = plan(reader().queryParam("state", "NEW"), "NEW", 0, 50);
        assertTrue(plan.contains("Index Scan Backward"), plan);
    }

    @Test
    void theDefaultListUnderEachCommonFilterReadsAnIndex() {
        SeededIncidents.ensure();
        plan(reader(), 0, 50);
        plan(reader().queryParam("priority", "P2"), "P2", 0, 50);
        String service = SeededIncidents.SERVICES.get(3).toString();
        plan(reader().queryParam("serviceId", service), service, 0, 50);
        plan(reader().queryParam("assignmentGroup", "group-7"), "group-7", 0, 50);
        plan(reader().queryParam("assignee", "agent-7"), "agent-7", 0, 50);
    }

    @Test
    void theDefaultListOfMonitoringIncidentsOrOfOneAlertGroupReadsAnIndex() {
        // V9__monitoring_source.sql: incident_source_order, incident_alert_group
        String plan = plan(reader().queryParam("source", "MONITORING"), "MONITORING", 0, 50);
        assertTrue(plan.contains("incident_source_order"), plan);
        String group = UUID.randomUUID().toString();
        plan = plan(reader().queryParam("alertGroupId", group), group, 0, 50);
        assertTrue(plan.contains("incident_alert_group"), plan);
    }

    @Test
    void severalStatesAndPrioritiesAreReadAsOneIndexRangePerPairMergedInOrder() {
        SeededIncidents.ensure();
        String service = SeededIncidents.SERVICES.get(2).toString();
        List<String> sql = SqlCapture.during(() -> reader().queryParam("state", "NEW,IN_PROGRESS").queryParam("priority", "P1,P2")
                .queryParam("serviceId", service).queryParam("size", 5).get("/api/v1/incidents").then().statusCode(200));
        String union = sql.stream().filter(q -> q.contains("union all")).findFirst()
                .orElseThrow(() -> new AssertionError("no UNION ALL of the (state, priority) pairs: " + sql));
        // each pair: the service, its state and priority, its limit; then the page's limit
        String plan = SeededIncidents.explain(union, service, "NEW", "P1", 6, service, "NEW", "P2", 6, service, "IN_PROGRESS", "P1", 6,
                service, "IN_PROGRESS", "P2", 6, 6);
        assertEachPairIsAnIndexRangeInOrder(plan, "incident_service_state_priority_order");

        // without the service: the index that starts with state and priority
        List<String> all = SqlCapture.during(() -> reader().queryParam("state", "NEW,IN_PROGRESS").queryParam("priority", "P1,P2")
                .queryParam("size", 5).get("/api/v1/incidents").then().statusCode(200));
        String allUnion = all.stream().filter(q -> q.contains("union all")).findFirst().orElseThrow();
        plan = SeededIncidents.explain(allUnion, "NEW", "P1", 6, "NEW", "P2", 6, "IN_PROGRESS", "P1", 6, "IN_PROGRESS", "P2", 6, 6);
        assertEachPairIsAnIndexRangeInOrder(plan, "incident_state_priority_order");
    }

    /** Four pairs, each a limited backward index range (no Sort below its Limit); only the few rows above are sorted. */
    private static void assertEachPairIsAnIndexRangeInOrder(String plan, String index) {
        assertFalse(plan.contains("Seq Scan"), plan);
        assertEquals(4, Pattern.compile("Index (Only )?Scan Backward using " + index).matcher(plan).results().count(), plan);
        assertEquals(5, Pattern.compile("Limit").matcher(plan).results().count(), plan);
        // the only Sort sorts the pairs' limited rows (it sits above the Append, below the outer Limit)
        assertTrue(Pattern.compile("Sort[^\\n]*\\n[^\\n]*Sort Key[^\\n]*\\n\\s*->\\s*Append").matcher(plan).find()
                || !FULL_SORT.matcher(plan).find(), plan);
    }

    @Test
    void aWalkBySeveralStatesAndPrioritiesSeesEveryMatchOnceInOrderBothWays() throws Exception {
        SeededIncidents.ensure();
        String service = SeededIncidents.SERVICES.get(3).toString();
        for (String sort : List.of("-openedAt", "openedAt")) {
            List<String> expected = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(TestInfrastructure.database(Fixtures.DATABASE),
                    TestInfrastructure.dbUser(), TestInfrastructure.dbPassword()); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select id from incident where state in ('NEW', 'ON_HOLD', 'CLOSED') "
                            + "and priority in ('P1', 'P3') and service_id = '" + service + "' order by opened_at "
                            + (sort.startsWith("-") ? "desc, id desc" : "asc, id asc"))) {
                while (rs.next()) {
                    expected.add(rs.getString(1));
                }
            }
            assertTrue(expected.size() > 20, "enough matches to walk several pages: " + expected.size());
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification request = reader().queryParam("state", "NEW,ON_HOLD,CLOSED").queryParam("priority", "P3,P1")
                        .queryParam("serviceId", service).queryParam("sort", sort).queryParam("size", 7);
                Response page = (cursor == null ? request : request.queryParam("cursor", cursor)).get("/api/v1/incidents");
                page.then().statusCode(200);
                seen.addAll(page.jsonPath().getList("items.id", String.class));
                cursor = page.jsonPath().getString("next");
            } while (cursor != null);
            assertEquals(expected, seen, sort);
        }
    }

    @Test
    void everyAllowedSortInBothDirectionsReadsAnIndex() {
        for (String field : IncidentQueries.SORTABLE.keySet()) {
            for (String sort : List.of(field, "-" + field)) {
                plan(reader().queryParam("sort", sort), 0, 50);
            }
        }
    }

    @Test
    void aPageByCursorStartsAtTheCursorInTheIndexForTheDefaultOrderAndAFilteredOne() {
        SeededIncidents.ensure();
        Response first = reader().queryParam("size", 50).get("/api/v1/incidents");
        String openedAt = first.jsonPath().getString("items[49].openedAt");
        String id = first.jsonPath().getString("items[49].id");
        String plan = plan(reader().queryParam("cursor", first.jsonPath().getString("next")), openedAt, id, 0, 51);
        // the row-value comparison is the index condition: the scan starts at the cursor, nothing before it is read
        assertTrue(plan.contains("Index Cond: (ROW(") || plan.contains("Index Cond: (ROW ("), plan);

        String service = SeededIncidents.SERVICES.get(5).toString();
        Response filtered = reader().queryParam("serviceId", service).queryParam("size", 50).get("/api/v1/incidents");
        plan(reader().queryParam("serviceId", service).queryParam("cursor", filtered.jsonPath().getString("next")), service,
                filtered.jsonPath().getString("items[49].openedAt"), filtered.jsonPath().getString("items[49].id"), 0, 51);
    }

    @Test
    void theChangesFeedReadsTheFeedIndexFromItsCursor() {
        SeededIncidents.ensure();
        Instant since = Instant.now().minus(Duration.ofDays(30));
        Response first = reader().queryParam("updatedSince", since.toString()).queryParam("size", 50).get("/api/v1/incidents");
        first.then().statusCode(200);
        String updatedAt = first.jsonPath().getString("items[49].updatedAt");
        String id = first.jsonPath().getString("items[49].id");
        List<String> sql = SqlCapture.during(() -> reader().queryParam("updatedSince", since.toString())
                .queryParam("cursor", first.jsonPath().getString("next")).get("/api/v1/incidents").then().statusCode(200));
        String plan = SeededIncidents.explain(SeededIncidents.pageQuery(sql), since.toString(), Instant.now().toString(),
                updatedAt, id, 0, 51);
        assertReadFromAnIndex(plan);
        assertTrue(plan.contains("incident_feed"), plan);
    }

    /** The plan of the page query the service sends for the request; asserts it reads an index. */
    private static String plan(RequestSpecification request, Object... values) {
        SeededIncidents.ensure();
        List<String> sql = SqlCapture.during(() -> request.get("/api/v1/incidents").then().statusCode(200));
        String plan = SeededIncidents.explain(SeededIncidents.pageQuery(sql), values);
        assertReadFromAnIndex(plan);
        return plan;
    }

    private static void assertReadFromAnIndex(String plan) {
        assertFalse(plan.contains("Seq Scan"), plan);
        assertFalse(FULL_SORT.matcher(plan).find(), plan);
        assertTrue(plan.contains("Index Scan") || plan.contains("Index Only Scan"), plan);
    }
}
