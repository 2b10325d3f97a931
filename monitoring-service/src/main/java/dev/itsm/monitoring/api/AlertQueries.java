package dev.itsm.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertGroup;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Read side of alerts and alert groups: single reads and keyset-paged lists (platform {@link NativeKeysetQuery}), with
 * the changes feed. Reads only: every change goes through {@code AlertService} or the processor.
 */
@ApplicationScoped
public class AlertQueries {

    /**
     * Severity as a rank, so that {@code sort=severity} lists the most severe first (as {@code sort=priority} lists P1
     * first): critical 0 … info 4, anything else (a rule's own severity label value, none) 5.
     */
    static final String SEVERITY_RANK = "(case severity when 'critical' then 0 when 'major' then 1 when 'warning' then 2 "
            + "when 'minor' then 3 when 'info' then 4 else 5 end)";
    private static final List<String> SEVERITIES = List.of("critical", "major", "warning", "minor", "info");

    /** API sort field → SQL expression (the allow-list for the alert list's {@code ?sort=}). */
    public static final Map<String, String> ALERT_SORTABLE = Map.of(
            "lastSeenAt", "last_seen_at",
            "firstSeenAt", "first_seen_at",
            "severity", SEVERITY_RANK);
    /** Latest activity first. */
    public static final String ALERT_DEFAULT_SORT = "-lastSeenAt";

    /** API sort field → SQL expression (the allow-list for the group list's {@code ?sort=}). */
    public static final Map<String, String> GROUP_SORTABLE = Map.of(
            "lastAlertAt", "last_alert_at",
            "openedAt", "opened_at",
            "severity", SEVERITY_RANK);
    /** Latest activity first. */
    public static final String GROUP_DEFAULT_SORT = "-lastAlertAt";

    private static final Keyset.Column<Alert> LAST_SEEN_AT = Keyset.Column.of("last_seen_at", Instant.class, Alert::lastSeenAt);
    private static final Keyset.Column<Alert> FIRST_SEEN_AT = Keyset.Column.of("first_seen_at", Instant.class, Alert::firstSeenAt);
    private static final Keyset.Column<Alert> ALERT_SEVERITY = Keyset.Column.of(SEVERITY_RANK, Integer.class, a -> rank(a.severity()));
    private static final Keyset.Column<Alert> ALERT_UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, Alert::updatedAt);
    private static final Keyset.Column<Alert> ALERT_ID = Keyset.Column.of("id", UUID.class, Alert::id);
    private static final List<Keyset.Column<Alert>> ALERT_COLUMNS = List.of(LAST_SEEN_AT, FIRST_SEEN_AT, ALERT_SEVERITY);
    private static final List<Keyset.Column<Alert>> ALERT_TIE_BREAKS = List.of(LAST_SEEN_AT, ALERT_ID);
    private static final Keyset<Alert> ALERT_FEED = Keyset.ascending(List.of(ALERT_UPDATED_AT, ALERT_ID));

    private static final Keyset.Column<AlertGroup> LAST_ALERT_AT = Keyset.Column.of("last_alert_at", Instant.class, AlertGroup::lastAlertAt);
    private static final Keyset.Column<AlertGroup> OPENED_AT = Keyset.Column.of("opened_at", Instant.class, AlertGroup::openedAt);
    private static final Keyset.Column<AlertGroup> GROUP_SEVERITY = Keyset.Column.of(SEVERITY_RANK, Integer.class, g -> rank(g.severity()));
    private static final Keyset.Column<AlertGroup> GROUP_UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, AlertGroup::updatedAt);
    private static final Keyset.Column<AlertGroup> GROUP_ID = Keyset.Column.of("id", UUID.class, AlertGroup::id);
    private static final List<Keyset.Column<AlertGroup>> GROUP_COLUMNS = List.of(LAST_ALERT_AT, OPENED_AT, GROUP_SEVERITY);
    private static final List<Keyset.Column<AlertGroup>> GROUP_TIE_BREAKS = List.of(LAST_ALERT_AT, GROUP_ID);
    private static final Keyset<AlertGroup> GROUP_FEED = Keyset.ascending(List.of(GROUP_UPDATED_AT, GROUP_ID));

    private final EntityManager em;

    AlertQueries(EntityManager em) {
        this.em = em;
    }

    public Alert alert(UUID id) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null) {
            throw new NotFoundException("Alert", id);
        }
        return alert;
    }

    public AlertGroup group(UUID id) {
        AlertGroup group = em.find(AlertGroup.class, id);
        if (group == null) {
            throw new NotFoundException("Alert group", id);
        }
        return group;
    }

    /** One page of alerts: in {@code sort}'s order (null: the default), or the changes feed when {@code feed} is set. */
    public Page<Alert> alerts(AlertFilter filter, Sort sort, PageRequest page, ChangesFeed.Window feed) {
        NativeKeysetQuery<Alert> query = new NativeKeysetQuery<>("alert", Alert.class);
        filter.applyTo(query);
        if (feed != null) {
            query.feed(feed, ALERT_UPDATED_AT.expression());
        }
        Keyset<Alert> keys = feed != null ? ALERT_FEED
                : Keyset.of(sort != null ? sort : alertSort(null), ALERT_COLUMNS, ALERT_TIE_BREAKS);
        return query.page(em, keys, page, feed != null);
    }

    /** One page of alert groups, like {@link #alerts}. */
    public Page<AlertGroup> groups(AlertGroupFilter filter, Sort sort, PageRequest page, ChangesFeed.Window feed) {
        NativeKeysetQuery<AlertGroup> query = new NativeKeysetQuery<>("alert_group", AlertGroup.class);
        filter.applyTo(query);
        if (feed != null) {
            query.feed(feed, GROUP_UPDATED_AT.expression());
        }
        Keyset<AlertGroup> keys = feed != null ? GROUP_FEED
                : Keyset.of(sort != null ? sort : groupSort(null), GROUP_COLUMNS, GROUP_TIE_BREAKS);
        return query.page(em, keys, page, feed != null);
    }

    /** {@code ?sort=} of the alert list (400 naming {@code sort} for a field it cannot sort by). */
    public static Sort alertSort(String spec) {
        return Sort.parse(spec, ALERT_SORTABLE, ALERT_DEFAULT_SORT);
    }

    /** {@code ?sort=} of the group list. */
    public static Sort groupSort(String spec) {
        return Sort.parse(spec, GROUP_SORTABLE, GROUP_DEFAULT_SORT);
    }

    /** The rank {@link #SEVERITY_RANK} computes in SQL, for the cursor of a page's last row. */
    static int rank(String severity) {
        int i = severity == null ? -1 : SEVERITIES.indexOf(severity);
        return i < 0 ? SEVERITIES.size() : i;
    }
}
