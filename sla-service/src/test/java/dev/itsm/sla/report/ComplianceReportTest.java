package dev.itsm.sla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.sla.report.ComplianceReport.Outcome;
import dev.itsm.sla.report.ComplianceReport.TimerFact;
import dev.itsm.sla.timer.Metric;

class ComplianceReportTest {

    @Test
    void countsPercentagesAndNearestRankPercentiles() {
        List<TimerFact> facts = List.of(
                new TimerFact(Outcome.MET, true, 100), new TimerFact(Outcome.MET, true, 200), new TimerFact(Outcome.MET, true, 300),
                new TimerFact(Outcome.MET, true, 400), new TimerFact(Outcome.MET, true, 500), new TimerFact(Outcome.MET, true, 600),
                new TimerFact(Outcome.MET, true, 700), new TimerFact(Outcome.MET, true, 800), new TimerFact(Outcome.BREACHED, true, 900),
                new TimerFact(Outcome.BREACHED, true, 1000), new TimerFact(Outcome.BREACHED, false, 5000),
                new TimerFact(Outcome.RUNNING, false, 50), new TimerFact(Outcome.CANCELED, true, 10));
        ComplianceReport.Row row = ComplianceReport.row(Metric.TIME_TO_RESOLVE, facts);
        assertEquals(8, row.met());
        assertEquals(3, row.breached(), "a breached timer still open counts as breached");
        assertEquals(1, row.running());
        assertEquals(1, row.canceled());
        assertEquals(72.7, row.compliancePercent(), "8 of 11 decided");
        assertEquals(550.0, row.meanSeconds(), "only stopped, not canceled timers: 100..1000");
        assertEquals(500L, row.medianSeconds());
        assertEquals(900L, row.p90Seconds());
    }

    @Test
    void nothingDecidedYetHasNoPercentage() {
        ComplianceReport.Row row = ComplianceReport.row(Metric.TIME_TO_RESPOND, List.of(new TimerFact(Outcome.RUNNING, false, 5)));
        assertNull(row.compliancePercent());
        assertNull(row.meanSeconds());
        assertNull(row.p90Seconds());
    }
}
