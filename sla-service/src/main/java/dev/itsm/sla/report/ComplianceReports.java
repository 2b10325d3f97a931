package dev.itsm.sla.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.sla.timer.Metric;
import dev.itsm.sla.timer.RecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Computes compliance reports in the database: one aggregate row per metric (counts, mean and nearest-rank
 * percentiles), so a report costs the same memory for ten timers or ten million — no timer is loaded.
 * The period is bounded ({@link #MAX_PERIOD}) so one request cannot scan the whole history.
 */
@ApplicationScoped
public class ComplianceReports {

    /** The longest period one report may cover: a year, leap day included. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final EntityManager em;

    ComplianceReports(EntityManager em) {
        this.em = em;
    }

    /**
     * Which timers a report covers: one kind of record's, started in {@code [from, to)}, optionally one service,
     * priority (incidents), offering (requests) or agreement.
     */
    public record Filter(RecordKind recordKind, Instant from, Instant to, UUID serviceId, String priority, UUID offeringId, UUID agreementId) {
    }

    @Transactional
    public ComplianceReport report(Filter f) {
        // Outcome of a timer: CANCELED › BREACHED › MET (stopped) › RUNNING (open). The business time of a stopped
        // timer is its closed segments (accumulated_millis), whole seconds as the API shows them.
        StringBuilder sql = new StringBuilder("""
                select metric,
                  count(*) filter (where phase = 'STOPPED' and not breached),
                  count(*) filter (where phase <> 'CANCELED' and breached),
                  count(*) filter (where phase in ('RUNNING', 'PAUSED') and not breached),
                  count(*) filter (where phase = 'CANCELED'),
                  round(avg(accumulated_millis / 1000) filter (where phase = 'STOPPED'), 1),
                  percentile_disc(0.5) within group (order by accumulated_millis / 1000) filter (where phase = 'STOPPED'),
                  percentile_disc(0.9) within group (order by accumulated_millis / 1000) filter (where phase = 'STOPPED')
                from sla_timer where record_kind = :recordKind and started_at >= :from and started_at < :to""");
        if (f.serviceId() != null) {
            sql.append(" and service_id = :serviceId");
        }
        if (f.priority() != null) {
            sql.append(" and priority = :priority");
        }
        if (f.offeringId() != null) {
            sql.append(" and offering_id = :offeringId");
        }
        if (f.agreementId() != null) {
            sql.append(" and agreement_id = :agreementId");
        }
        sql.append(" group by metric");
        Query q = em.createNativeQuery(sql.toString()).setParameter("recordKind", f.recordKind().name())
                .setParameter("from", f.from()).setParameter("to", f.to());
        if (f.offeringId() != null) {
            q.setParameter("offeringId", f.offeringId());
        }
        if (f.serviceId() != null) {
            q.setParameter("serviceId", f.serviceId());
        }
        if (f.priority() != null) {
            q.setParameter("priority", f.priority());
        }
        if (f.agreementId() != null) {
            q.setParameter("agreementId", f.agreementId());
        }
        Map<Metric, ComplianceReport.Row> byMetric = new EnumMap<>(Metric.class);
        for (Object result : q.getResultList()) {
            Object[] c = (Object[]) result;
            Metric metric = Metric.valueOf((String) c[0]);
            byMetric.put(metric, ComplianceReport.row(metric, count(c[1]), count(c[2]), count(c[3]), count(c[4]),
                    c[5] == null ? null : ((BigDecimal) c[5]).doubleValue(), seconds(c[6]), seconds(c[7])));
        }
        List<ComplianceReport.Row> rows = new ArrayList<>();
        for (Metric m : Metric.of(f.recordKind())) {
            rows.add(byMetric.getOrDefault(m, ComplianceReport.row(m, 0, 0, 0, 0, null, null, null)));
        }
        return new ComplianceReport(f.recordKind(), f.from(), f.to(), f.serviceId(), f.priority(), f.offeringId(), f.agreementId(), rows);
    }

    private static long count(Object column) {
        return ((Number) column).longValue();
    }

    private static Long seconds(Object column) {
        return column == null ? null : ((Number) column).longValue();
    }
}
