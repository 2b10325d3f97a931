package dev.itsm.sla.timer;

import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.sla.SqlCapture;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Every sort the timer list allows, the default order under each filter, a page by cursor and the changes
 * feed are read from an index (V5__list_order_indexes_and_feed.sql): the plans of the statements the service
 * sends, on a few thousand seeded and analysed timers, have no Seq Scan and no full Sort.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class TimerListIndexTest {

    static final String TIMERS = "/api/v1/sla/timers";
    static final int ROWS = 5000;
    private static final Pattern FULL_SORT = Pattern.compile("(^|->)\\s*Sort\\s+\\(cost", Pattern.MULTILINE);
    private static String seededAgreement;

    @Inject
    DataSource ds;

    @Test
    void theDefaultListAndEverySingleFieldSortInBothDirectionsReadAnIndex() {
        seed();
        plan(reader(), 51, 0);
        for (String field : TimerQueries.SORTABLE.keySet()) {
            for (String sort : List.of(field, "-" + field)) {
                plan(reader().queryParam("sort", sort), 51, 0);
            }
        }
    }

    @Test
    void theDefaultListUnderEachFilterReadsAnIndexInOrder() {
        seed();
        // which index depends on the statistics (a common value: the default order's index, filtered; a rarer
        // one: the filter's own index); never the whole table sorted
        plan(reader().queryParam("state", "RUNNING"), "RUNNING", 51, 0);
        plan(reader().queryParam("state", "BREACHED"), "BREACHED", 51, 0);
        plan(reader().queryParam("state", "CANCELED"), "CANCELED", 51, 0);
        plan(reader().queryParam("agreementId", seededAgreement), seededAgreement, 51, 0);
        plan(reader().queryParam("metric", "TIME_TO_RESOLVE"), "TIME_TO_RESOLVE", 51, 0);
        plan(reader().queryParam("recordKind", "INCIDENT"), "INCIDENT", 51, 0);
        String requests = plan(reader().queryParam("recordKind", "REQUEST"), "REQUEST", 51, 0); // none seeded: the kind's own index
        assertTrue(requests.contains("sla_timer_kind_order"), requests);
        String rare = plan(reader().queryParam("agreementId", UUID.randomUUID().toString()), UUID.randomUUID().toString(), 51, 0);
        assertTrue(rare.contains("sla_timer_agreement_order"), rare);
    }

    @Test
    void aPageByCursorStartsInTheIndexAtTheCursor() {
        seed();
        JsonPath first = reader().queryParam("size", 50).get(TIMERS).then().statusCode(200).extract().jsonPath();
        String cursor = first.getString("next");
        String plan = plan(reader().queryParam("size", 50).queryParam("cursor", cursor),
                first.getString("items[49].startedAt"), first.getString("items[49].agreementName"), first.getString("items[49].metric"),
                first.getString("items[49].id"), 51, 0);
        // the row-value comparison is an index condition: the scan starts at the cursor, not at the top
        assertTrue(plan.contains("Index Cond: (ROW(started_at, (agreement_name)::text, (metric)::text, id) > ROW(")
                || plan.contains("Index Cond: (ROW("), plan);
    }

    @Test
    void theChangesFeedReadsTheUpdatedAtIndex() {
        seed();
        String plan = plan(reader().queryParam("updatedSince", "2001-01-01T00:00:00Z"), "2001-01-01T00:00:00Z",
                "2100-01-01T00:00:00Z", 51, 0);
        assertTrue(plan.contains("sla_timer_feed"), plan);
    }

    /** The plan of the page query the service sends for the request; asserts it reads an index in order. */
    private String plan(RequestSpecification request, Object... values) {
        List<String> sql = SqlCapture.during(() -> request.get(TIMERS).then().statusCode(200));
        String page = sql.stream().filter(q -> q.startsWith("select * from sla_timer") && q.endsWith(" offset ?")).findFirst()
                .orElseThrow(() -> new AssertionError("no list query captured: " + sql));
        String plan = explain(page, values);
        assertFalse(plan.contains("Seq Scan"), plan);
        assertFalse(FULL_SORT.matcher(plan).find(), plan);
        assertTrue(plan.contains("Index Scan") || plan.contains("Index Only Scan"), plan);
        return plan;
    }

    /**
     * The plan of a captured statement, run with these parameter values ({@code ?} in order):
     * PREPARE + EXPLAIN EXECUTE, so the plan is the one for the values, like the service's.
     */
    private String explain(String sql, Object... values) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
        }
        if (n != values.length) {
            throw new IllegalArgumentException(n + " parameters, " + values.length + " values: " + sql);
        }
        List<String> literals = new ArrayList<>();
        for (Object v : values) {
            literals.add(v instanceof Number ? v.toString() : "'" + v.toString().replace("'", "''") + "'");
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("prepare captured as " + numbered);
            try (PreparedStatement ps = c.prepareStatement("explain execute captured(" + String.join(", ", literals) + ")");
                    ResultSet rs = ps.executeQuery()) {
                StringBuilder plan = new StringBuilder();
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
                return plan.toString();
            } finally {
                s.execute("deallocate captured");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@value #ROWS} timers of one agreement written straight into the table, started in 2001 (outside any
     * report period the other tests ask for), in every shown state, none with a next check (the scheduler
     * never sees them); vacuumed and analysed once.
     */
    private synchronized void seed() {
        if (seededAgreement != null) {
            return;
        }
        UUID service = knownService();
        seededAgreement = agreement("Seeded list " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P3", "PT4H")),
                Map.of());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    insert into sla_timer (id, incident_id, agreement_id, agreement_revision, agreement_name, calendar_id, metric, priority,
                      target_millis, warning_thresholds, warned_percent, phase, breached, started_at, running_since, accumulated_millis,
                      stopped_at, due_at, last_change_at, updated_at, version)
                    select gen_random_uuid(), gen_random_uuid(), 'AGREEMENT', 1, 'Seeded ' || g % 7, 'CALENDAR',
                      (array['TIME_TO_RESPOND', 'TIME_TO_RESOLVE'])[1 + g % 2], 'P3', 14400000, '[]', 0,
                      (array['RUNNING', 'PAUSED', 'STOPPED', 'CANCELED'])[1 + (g / 2) % 4], (g / 8) % 3 = 0,
                      timestamptz '2001-01-01T00:00:00Z' + g * interval '1 minute',
                      case when (g / 2) % 4 = 0 then timestamptz '2001-01-01T00:00:00Z' + g * interval '1 minute' end, 0,
                      case when (g / 2) % 4 >= 2 then timestamptz '2001-01-01T01:00:00Z' + g * interval '1 minute' end,
                      case when (g / 2) % 4 = 1 then null else timestamptz '2001-01-01T04:00:00Z' + g * interval '1 minute' end,
                      timestamptz '2001-01-01T00:00:00Z' + g * interval '1 minute',
                      timestamptz '2001-01-01T00:00:00Z' + g * interval '1 minute', 0
                    from generate_series(1, ROWS) g"""
                    .replace("AGREEMENT", seededAgreement).replace("CALENDAR", TWENTY_FOUR_SEVEN).replace("ROWS", Integer.toString(ROWS)));
            s.execute("vacuum analyze sla_timer");
        } catch (Exception e) {
            seededAgreement = null;
            throw new IllegalStateException(e);
        }
    }
}
