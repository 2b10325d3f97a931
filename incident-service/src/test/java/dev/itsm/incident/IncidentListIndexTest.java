package dev.itsm.incident;

import static dev.itsm.incident.Fixtures.reader;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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
    void everyAllowedSortInBothDirectionsReadsAnIndex() {
        for (String field : IncidentQueries.SORTABLE.keySet()) {
            for (String sort : List.of(field, "-" + field)) {
                plan(reader().queryParam("sort", sort), 0, 50);
            }
        }
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
