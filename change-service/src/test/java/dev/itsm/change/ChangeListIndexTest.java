package dev.itsm.change;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.itsm.change.request.ChangeQueries;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every sort the change list allows (both directions), the default order under each common filter,
 * a page after a cursor and the changes feed are read from an index (V4__list_indexes.sql): the plans
 * of the statements the service sends, on a seeded and analysed table, have no Seq Scan and no Sort
 * node.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ChangeListIndexTest {

    private static final Pattern SORT = Pattern.compile("(^|->)\\s*(Incremental )?Sort\\s+\\(cost", Pattern.MULTILINE);

    @Test
    void theDefaultListUnfilteredAndUnderEachCommonFilterReadsAnIndexInOrder() {
        assertInOrderFromAnIndex(plan(reader(), 51));
        assertInOrderFromAnIndex(plan(reader().queryParam("state", "ASSESS"), "ASSESS", 51));
        assertInOrderFromAnIndex(plan(reader().queryParam("type", "EMERGENCY"), "EMERGENCY", 51));
        assertInOrderFromAnIndex(plan(reader().queryParam("risk", "HIGH"), "HIGH", 51));
        // a requester has few changes (100 of 5,000 here): the planner may read exactly those through the
        // requester index and sort them (a bitmap over the matches), or read that index in order; never the table
        String byRequester = plan(reader().queryParam("requestedBy", "seed-7"), "seed-7", 51);
        assertFalse(byRequester.contains("Seq Scan"), byRequester);
        assertTrue(byRequester.contains("change_request_requester_order"), byRequester);
    }

    @Test
    void everyAllowedSortInBothDirectionsReadsAnIndexInOrder() {
        for (String field : ChangeQueries.SORTABLE.keySet()) {
            for (String sort : List.of(field, "-" + field)) {
                assertInOrderFromAnIndex(plan(reader().queryParam("sort", sort), 51));
            }
        }
    }

    @Test
    void aPageAfterACursorIsAnIndexRangeRead() {
        SeededChanges.ensure();
        Response first = reader().queryParam("size", 50).get(Api.CHANGES);
        String cursor = first.jsonPath().getString("next");
        String createdAt = first.jsonPath().getString("items[49].createdAt");
        String id = first.jsonPath().getString("items[49].id");
        List<String> sql = SqlCapture.during(() -> reader().queryParam("size", 50).queryParam("cursor", cursor).get(Api.CHANGES)
                .then().statusCode(200));
        String plan = SeededChanges.explain(SeededChanges.pageQuery(sql), createdAt, id, 51);
        assertInOrderFromAnIndex(plan);
        assertTrue(plan.contains("Index Cond"), plan);
    }

    @Test
    void theChangesFeedReadsTheUpdatedAtIndexInOrder() {
        SeededChanges.ensure();
        List<String> sql = SqlCapture.during(() -> reader().queryParam("updatedSince", "2020-01-01T00:00:00Z").get(Api.CHANGES)
                .then().statusCode(200));
        String plan = SeededChanges.explain(SeededChanges.pageQuery(sql), "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z", 51);
        assertInOrderFromAnIndex(plan);
        assertTrue(plan.contains("change_request_updated_order"), plan);
    }

    @Test
    void theServiceFilterReadsTheJsonbIndexOrTheOrderIndexNeverTheTable() {
        String plan = plan(reader().queryParam("serviceId", "5eed0000-0000-4000-8000-000000000001"),
                "[\"5eed0000-0000-4000-8000-000000000001\"]", 51);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    private static RequestSpecification reader() {
        return Api.as("rob", dev.itsm.platform.security.Roles.READER);
    }

    /** The plan of the page query the service sends for the request, with these parameter values. */
    private static String plan(RequestSpecification request, Object... values) {
        SeededChanges.ensure();
        List<String> sql = SqlCapture.during(() -> request.get(Api.CHANGES).then().statusCode(200));
        return SeededChanges.explain(SeededChanges.pageQuery(sql), new ArrayList<>(List.of(values)).toArray());
    }

    private static void assertInOrderFromAnIndex(String plan) {
        assertFalse(plan.contains("Seq Scan"), plan);
        assertFalse(SORT.matcher(plan).find(), plan);
        assertTrue(plan.contains("Index Scan") || plan.contains("Index Only Scan"), plan);
    }
}
