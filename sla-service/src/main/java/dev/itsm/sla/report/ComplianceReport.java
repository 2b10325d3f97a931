package dev.itsm.sla.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.sla.timer.Metric;

/** SLA compliance over the timers started in {@code [from, to)}. */
@Schema(name = "ComplianceReport")
public record ComplianceReport(
        Instant from,
        Instant to,
        UUID serviceId,
        String priority,
        UUID agreementId,
        @Schema(description = "One row per metric") List<Row> metrics) {

    @Schema(name = "ComplianceRow")
    public record Row(
            Metric metric,
            @Schema(description = "Stopped within target") long met,
            @Schema(description = "Target missed (stopped or still open)") long breached,
            @Schema(description = "Still open and within target") long running,
            @Schema(description = "Ended by a canceled incident; not counted in the percentage") long canceled,
            @Schema(description = "met / (met + breached) × 100; null when nothing is decided yet", example = "92.5") Double compliancePercent,
            @Schema(description = "Mean business seconds of stopped timers (pauses and resolved time excluded)") Double meanSeconds,
            @Schema(description = "Median business seconds of stopped timers") Long medianSeconds,
            @Schema(description = "90th percentile business seconds of stopped timers (nearest rank)") Long p90Seconds) {
    }

    /** Computes a row from per-timer facts: state and (for stopped timers) business seconds. */
    public static Row row(Metric metric, List<TimerFact> timers) {
        long met = 0, breached = 0, running = 0, canceled = 0;
        List<Long> durations = new ArrayList<>();
        for (TimerFact t : timers) {
            switch (t.outcome()) {
                case MET -> met++;
                case BREACHED -> breached++;
                case RUNNING -> running++;
                case CANCELED -> canceled++;
            }
            if (t.stopped() && t.outcome() != Outcome.CANCELED) {
                durations.add(t.elapsedSeconds());
            }
        }
        durations.sort(null);
        Double percent = met + breached == 0 ? null : Math.round(met * 1000.0 / (met + breached)) / 10.0;
        Double mean = durations.isEmpty() ? null : Math.round(durations.stream().mapToLong(Long::longValue).average().orElse(0) * 10) / 10.0;
        return new Row(metric, met, breached, running, canceled, percent, mean, percentile(durations, 50), percentile(durations, 90));
    }

    /** Nearest-rank percentile of a sorted list. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    public enum Outcome {
        MET, BREACHED, RUNNING, CANCELED
    }

    public record TimerFact(Outcome outcome, boolean stopped, long elapsedSeconds) {
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
