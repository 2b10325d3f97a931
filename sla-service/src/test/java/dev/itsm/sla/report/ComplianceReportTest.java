package dev.itsm.sla.report;

import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

/** The compliance report over timers written straight into the database: the numbers, and that no timer is loaded to get them. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class ComplianceReportTest {

    static final Instant STARTED = Instant.parse("2025-03-10T08:00:00Z");

    @Inject
    DataSource ds;
    @Inject
    EntityManagerFactory emf;

    /** Inserts {@code n} timers of one agreement in the given phase with {@code seconds} of closed business time. */
    void insert(UUID agreementId, String metric, String phase, boolean breached, long seconds, int n) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into sla_timer (id, incident_id, agreement_id, agreement_revision, agreement_name, calendar_id, metric, priority,
                  target_millis, warning_thresholds, warned_percent, phase, breached, started_at, running_since, accumulated_millis,
                  stopped_at, last_change_at, version)
                values (?, ?, ?, 1, 'report', ?, ?, 'P3', 850000, '[]', 0, ?, ?, ?, ?, ?, ?, ?, 0)""")) {
            for (int i = 0; i < n; i++) {
                boolean open = phase.equals("RUNNING") || phase.equals("PAUSED");
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, UUID.randomUUID());
                ps.setObject(3, agreementId);
                ps.setObject(4, UUID.fromString(TWENTY_FOUR_SEVEN));
                ps.setString(5, metric);
                ps.setString(6, phase);
                ps.setBoolean(7, breached);
                ps.setTimestamp(8, Timestamp.from(STARTED));
                ps.setTimestamp(9, phase.equals("RUNNING") ? Timestamp.from(STARTED) : null);
                ps.setLong(10, seconds * 1000 + 999); // a fraction of a second more: the report counts whole seconds
                ps.setTimestamp(11, open ? null : Timestamp.from(STARTED.plusSeconds(seconds)));
                ps.setTimestamp(12, Timestamp.from(STARTED));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static UUID newAgreement() {
        UUID service = knownService();
        return UUID.fromString(agreement("Report " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P3", "PT1H")),
                Map.of()));
    }

    JsonPath report(UUID agreementId) {
        return reader().queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .queryParam("agreementId", agreementId).get("/api/v1/sla/reports/compliance").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void countsPercentagesAndNearestRankPercentiles() throws Exception {
        UUID agreement = newAgreement();
        for (long s = 100; s <= 800; s += 100) {
            insert(agreement, "TIME_TO_RESOLVE", "STOPPED", false, s, 1);
        }
        insert(agreement, "TIME_TO_RESOLVE", "STOPPED", true, 900, 1);
        insert(agreement, "TIME_TO_RESOLVE", "STOPPED", true, 1000, 1);
        insert(agreement, "TIME_TO_RESOLVE", "RUNNING", true, 5000, 1); // breached and still open
        insert(agreement, "TIME_TO_RESOLVE", "RUNNING", false, 50, 1);
        insert(agreement, "TIME_TO_RESOLVE", "CANCELED", false, 10, 1);
        insert(agreement, "TIME_TO_RESPOND", "PAUSED", false, 5, 1);

        JsonPath r = report(agreement);
        String resolve = "metrics.find { it.metric == 'TIME_TO_RESOLVE' }.";
        assertEquals(8, r.getInt(resolve + "met"));
        assertEquals(3, r.getInt(resolve + "breached"), "a breached timer still open counts as breached");
        assertEquals(1, r.getInt(resolve + "running"));
        assertEquals(1, r.getInt(resolve + "canceled"));
        assertEquals(72.7, r.getDouble(resolve + "compliancePercent"), 0.001, "8 of 11 decided");
        assertEquals(550.0, r.getDouble(resolve + "meanSeconds"), 0.001, "only stopped, not canceled timers: 100..1000");
        assertEquals(500, r.getInt(resolve + "medianSeconds"));
        assertEquals(900, r.getInt(resolve + "p90Seconds"));

        String respond = "metrics.find { it.metric == 'TIME_TO_RESPOND' }.";
        assertEquals(1, r.getInt(respond + "running"));
        reader().queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").queryParam("agreementId", agreement)
                .get("/api/v1/sla/reports/compliance").then()
                .body("metrics.find { it.metric == 'TIME_TO_RESPOND' }.compliancePercent", nullValue())
                .body("metrics.find { it.metric == 'TIME_TO_RESPOND' }.p90Seconds", nullValue());
    }

    @Test
    void theReportLoadsNoTimerWhateverTheirNumber() throws Exception {
        UUID agreement = newAgreement();
        insert(agreement, "TIME_TO_RESOLVE", "STOPPED", false, 60, 2_000);
        insert(agreement, "TIME_TO_RESOLVE", "RUNNING", false, 0, 500);
        var statistics = emf.unwrap(SessionFactory.class).getStatistics();
        long loadedBefore = statistics.getEntityLoadCount();

        JsonPath r = report(agreement);
        assertEquals(2_000, r.getInt("metrics.find { it.metric == 'TIME_TO_RESOLVE' }.met"));
        assertEquals(500, r.getInt("metrics.find { it.metric == 'TIME_TO_RESOLVE' }.running"));
        long loaded = statistics.getEntityLoadCount() - loadedBefore;
        assertTrue(loaded < 100, "the report must aggregate in the database, not load the 2,500 timers; loaded " + loaded);

        reader().accept("text/csv").queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .queryParam("agreementId", agreement).get("/api/v1/sla/reports/compliance").then().statusCode(200)
                .body(equalTo("metric,met,breached,running,canceled,compliancePercent,meanSeconds,medianSeconds,p90Seconds\n"
                        + "TIME_TO_RESPOND,0,0,0,0,,,,\nTIME_TO_RESOLVE,2000,0,500,0,100.0,60.0,60,60\n"));
    }
}
