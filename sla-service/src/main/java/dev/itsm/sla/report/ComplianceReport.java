package dev.itsm.sla.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.sla.agreement.Priority;
import dev.itsm.sla.timer.Metric;
import dev.itsm.sla.timer.RecordKind;

/** SLA compliance over the timers started in {@code [from, to)}. */
@Schema(name = "ComplianceReport", description = "One row per metric of the record kind")
public record ComplianceReport(
        @Schema(description = "The kind of record whose timers are counted") RecordKind recordKind,
        Instant from,
        Instant to,
        UUID serviceId,
        @Schema(ref = Priority.SCHEMA) String priority,
        @Schema(description = "The offering filter (REQUEST reports)") UUID offeringId,
        UUID agreementId,
        @Schema(description = "One row per metric") List<Row> metrics) {

    @Schema(name = "ComplianceReportRow")
    public record Row(
            Metric metric,
            @Schema(description = "Stopped within target") long met,
            @Schema(description = "Target missed (stopped or still open)") long breached,
            @Schema(description = "Still open and within target") long running,
            @Schema(description = "Ended by a canceled incident, or a canceled or rejected request; not counted in the percentage") long canceled,
            @Schema(description = "met / (met + breached) × 100; null when nothing is decided yet", example = "92.5") Double compliancePercent,
            @Schema(description = "Mean business seconds of stopped timers (pauses and resolved time excluded)") Double meanSeconds,
            @Schema(description = "Median business seconds of stopped timers") Long medianSeconds,
            @Schema(description = "90th percentile business seconds of stopped timers (nearest rank)") Long p90Seconds) {
    }

    /** A row from the counts and statistics of one metric; the percentage is met / (met + breached). */
    public static Row row(Metric metric, long met, long breached, long running, long canceled, Double meanSeconds,
            Long medianSeconds, Long p90Seconds) {
        Double percent = met + breached == 0 ? null : Math.round(met * 1000.0 / (met + breached)) / 10.0;
        return new Row(metric, met, breached, running, canceled, percent, meanSeconds, medianSeconds, p90Seconds);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder("metric,met,breached,running,canceled,compliancePercent,meanSeconds,medianSeconds,p90Seconds\n");
        for (Row r : metrics) {
            sb.append(r.metric()).append(',').append(r.met()).append(',').append(r.breached()).append(',').append(r.running())
                    .append(',').append(r.canceled()).append(',').append(n(r.compliancePercent())).append(',').append(n(r.meanSeconds()))
                    .append(',').append(n(r.medianSeconds())).append(',').append(n(r.p90Seconds())).append('\n');
        }
        return sb.toString();
    }

    private static String n(Object o) {
        return o == null ? "" : o.toString();
    }
}
