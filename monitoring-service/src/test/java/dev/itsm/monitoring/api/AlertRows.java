package dev.itsm.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.testing.TestClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes alert and alert-group rows straight into the processor's tables, so the read side's paging and filters are
 * tested on exactly the rows a test needs (timestamps, suppression, groups) without driving the whole pipeline. The
 * commands and the end-to-end list go through the real intake and processor (see {@code AlertCommandsTest}).
 */
@ApplicationScoped
public class AlertRows {

    /** An alert row; {@link #alert()} gives a FIRING one with defaults, the withers change one column each. */
    public record Row(UUID id, String name, String summary, String severity, UUID ciId, String ciName, List<UUID> serviceIds,
            String state, Instant firstSeenAt, Instant lastSeenAt, Instant updatedAt, UUID groupId, String suppressionReason,
            String acknowledgedBy) {

        public Row name(String v) { return new Row(id, v, summary, severity, ciId, ciName, serviceIds, state, firstSeenAt, lastSeenAt, updatedAt, groupId, suppressionReason, acknowledgedBy); }
        public Row summary(String v) { return new Row(id, name, v, severity, ciId, ciName, serviceIds, state, firstSeenAt, lastSeenAt, updatedAt, groupId, suppressionReason, acknowledgedBy); }
        public Row severity(String v) { return new Row(id, name, summary, v, ciId, ciName, serviceIds, state, firstSeenAt, lastSeenAt, updatedAt, groupId, suppressionReason, acknowledgedBy); }
        public Row ci(UUID v, String n) { return new Row(id, name, summary, severity, v, n, serviceIds, state, firstSeenAt, lastSeenAt, updatedAt, groupId, suppressionReason, acknowledgedBy); }
        public Row services(UUID... v) { return new Row(id, name, summary, severity, ciId, ciName, List.of(v), state, firstSeenAt, lastSeenAt, updatedAt, groupId, suppressionReason, acknowledgedBy); }
        public Row resolved() { return new Row(id, name, summary, severity, ciId, ciName, serviceIds, "RESOLVED", firstSeenAt, lastSeenAt, updatedAt, groupId, suppressionReason, acknowledgedBy); }
        public Row seen(Instant first, Instant last) { return new Row(id, name, summary, severity, ciId, ciName, serviceIds, state, first, last, updatedAt, groupId, suppressionReason, acknowledgedBy); }
        public Row updatedAt(Instant v) { return new Row(id, name, summary, severity, ciId, ciName, serviceIds, state, firstSeenAt, lastSeenAt, v, groupId, suppressionReason, acknowledgedBy); }
        public Row group(UUID v) { return new Row(id, name, summary, severity, ciId, ciName, serviceIds, state, firstSeenAt, lastSeenAt, updatedAt, v, suppressionReason, acknowledgedBy); }
        public Row suppressed(String reason) { return new Row(id, name, summary, severity, ciId, ciName, serviceIds, state, firstSeenAt, lastSeenAt, updatedAt, groupId, reason, acknowledgedBy); }
        public Row acknowledgedBy(String v) { return new Row(id, name, summary, severity, ciId, ciName, serviceIds, state, firstSeenAt, lastSeenAt, updatedAt, groupId, suppressionReason, v); }
    }

    /** A FIRING, unsuppressed, unacknowledged, ungrouped alert seen now, on no CI. */
    public static Row alert() {
        Instant now = TestClock.INSTANCE.instant();
        return new Row(UUID.randomUUID(), "DiskFull", null, "warning", null, null, List.of(), "FIRING", now, now, now, null,
                null, null);
    }

    @Inject
    EntityManager em;

    @Transactional
    public UUID insert(Row r) {
        em.createNativeQuery("""
                insert into alert (id, number, dedup_key, source, source_name, name, summary, severity, labels, annotations,
                    ci_id, ci_name, service_ids, impact, urgency, state, starts_at, first_seen_at, last_seen_at, occurrences,
                    group_id, suppression_reason, suppressed_by, suppressed_at, suppressed_until, acknowledged_by, acknowledged_at,
                    created_at, updated_at, version)
                values (:id, 'ALT' || lpad(cast(nextval('alert_number_seq') as text), 7, '0'), :dedupKey, 'GENERIC', 'test',
                    :name, :summary, :severity, cast(:labels as jsonb), '{}', :ciId, :ciName, cast(:serviceIds as jsonb),
                    'MEDIUM', 'MEDIUM', :state, :firstSeenAt, :firstSeenAt, :lastSeenAt, 1, :groupId, :suppressionReason,
                    :suppressedBy, :suppressedAt, :suppressedUntil, :acknowledgedBy, :acknowledgedAt, :firstSeenAt, :updatedAt, 0)""")
                .setParameter("id", r.id())
                .setParameter("dedupKey", r.name() + "/" + r.id())
                .setParameter("name", r.name())
                .setParameter("summary", r.summary())
                .setParameter("severity", r.severity())
                .setParameter("labels", "{\"alertname\":\"" + r.name() + "\"}")
                .setParameter("ciId", r.ciId())
                .setParameter("ciName", r.ciName())
                .setParameter("serviceIds", json(r.serviceIds()))
                .setParameter("state", r.state())
                .setParameter("firstSeenAt", r.firstSeenAt())
                .setParameter("lastSeenAt", r.lastSeenAt())
                .setParameter("groupId", r.groupId())
                .setParameter("suppressionReason", r.suppressionReason())
                .setParameter("suppressedBy", r.suppressionReason() == null ? null : "alice")
                .setParameter("suppressedAt", r.suppressionReason() == null ? null : r.lastSeenAt())
                .setParameter("suppressedUntil", r.suppressionReason() == null ? null : r.lastSeenAt().plusSeconds(3600))
                .setParameter("acknowledgedBy", r.acknowledgedBy())
                .setParameter("acknowledgedAt", r.acknowledgedBy() == null ? null : r.lastSeenAt())
                .setParameter("updatedAt", r.updatedAt())
                .executeUpdate();
        return r.id();
    }

    /** An OPEN group rooted at {@code rootCiId}, last alert at {@code lastAlertAt}. */
    @Transactional
    public UUID group(UUID rootCiId, List<UUID> serviceIds, String severity, Instant lastAlertAt, boolean resolved) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into alert_group (id, number, title, root_ci_id, root_ci_name, service_ids, major, state, severity,
                    impact, urgency, alert_count, firing_count, opened_at, last_alert_at, resolved_at, created_at, updated_at, version)
                values (:id, 'ALG' || lpad(cast(nextval('alert_group_number_seq') as text), 7, '0'), 'DiskFull on db', :root,
                    'db', cast(:serviceIds as jsonb), :major, :state, :severity, 'HIGH', 'HIGH', 1, :firing, :lastAlertAt,
                    :lastAlertAt, :resolvedAt, :lastAlertAt, :lastAlertAt, 0)""")
                .setParameter("id", id)
                .setParameter("root", rootCiId)
                .setParameter("serviceIds", json(serviceIds))
                .setParameter("major", serviceIds.size() >= 2)
                .setParameter("state", resolved ? "RESOLVED" : "OPEN")
                .setParameter("severity", severity)
                .setParameter("firing", resolved ? 0 : 1)
                .setParameter("lastAlertAt", lastAlertAt)
                .setParameter("resolvedAt", resolved ? lastAlertAt : null)
                .executeUpdate();
        return id;
    }

    private static String json(List<UUID> ids) {
        return "[" + String.join(",", ids.stream().map(i -> "\"" + i + "\"").toList()) + "]";
    }
}
