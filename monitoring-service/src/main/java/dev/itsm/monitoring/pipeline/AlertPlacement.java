package dev.itsm.monitoring.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.GroupState;
import dev.itsm.monitoring.MonitoringConfig;
import dev.itsm.monitoring.Suppression;
import dev.itsm.monitoring.SuppressionReason;
import dev.itsm.monitoring.events.MonitoringEvent;
import dev.itsm.monitoring.replica.ActiveWindow;
import dev.itsm.monitoring.replica.ChangeWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where an active alert goes, and what its group makes of an alert that becomes active or stops being so. Shared by
 * the processor, the commands and the suppression job, so an alert is routed the same way whichever path wakes it.
 */
@ApplicationScoped
public class AlertPlacement {

    @Inject
    ChangeWindows windows;

    @Inject
    Correlator correlator;

    @Inject
    Numbers numbers;

    @Inject
    MonitoringConfig config;

    /**
     * An alert that has just become active and belongs to no open group: unrouted when it has neither CI nor service;
     * suppressed when {@code checkWindows} and a change or maintenance window covers it; else correlated — joining a
     * group (reopening it if it resolved within the reopen window) or opening one.
     */
    public void place(Alert alert, boolean checkWindows, CorrelationScope scope, List<MonitoringEvent> events) {
        Instant now = scope.now();
        if (alert.ciId() == null && alert.serviceIds().isEmpty()) {
            alert.unrouted(alert.ciName() == null
                    ? "no CI and no service: the alert names no CI its rule can find, and no service"
                    : "CI '" + alert.ciName() + "' is not in the catalogue replica and the rule names no service", now);
            return;
        }
        if (checkWindows) {
            Optional<ActiveWindow> window = scope.covering(windows, alert.ciId(), alert.serviceIds());
            if (window.isPresent()) {
                events.add(alert.suppressByWindow(suppression(window.get()), now));
                return;
            }
        }
        correlate(alert, scope, events);
    }

    private void correlate(Alert alert, CorrelationScope scope, List<MonitoringEvent> events) {
        Instant now = scope.now();
        Optional<Correlator.Match> match = correlator.match(alert, scope);
        if (match.isPresent()) {
            Correlator.Match m = match.get();
            AlertGroup group = m.group();
            if (group.state() == GroupState.RESOLVED) {
                events.add(group.reopen("alert " + alert.number() + " (" + alert.name() + ") fired within the reopen window",
                        now));
            }
            if (m.rootChanged()) {
                events.add(group.add(alert, m.rootCiId(), m.rootCiName(), now));
            } else {
                events.add(group.add(alert, null, null, now));
            }
            return;
        }
        AlertGroup group = AlertGroup.open(UUID.randomUUID(), numbers.nextGroupNumber(), alert,
                alert.ciId() == null ? Correlator.serviceKey(alert) : null, now);
        group.persist();
        var correlated = group.add(alert, null, null, now);
        events.add(group.opened(now));
        events.add(correlated);
        scope.opened(group);
    }

    /**
     * The alert's activity changed ({@code wasActive} before, {@link Alert#isActive()} now): its OPEN group counts it
     * again or stops counting it (which may resolve the group at once); an alert that became active without an OPEN
     * group is placed anew — back into its RESOLVED group within the reopen window, else correlated.
     */
    public void activityChanged(Alert alert, boolean wasActive, boolean checkWindows, CorrelationScope scope,
            List<MonitoringEvent> events) {
        boolean active = alert.isActive();
        if (wasActive == active) {
            return;
        }
        Instant now = scope.now();
        Optional<AlertGroup> group = scope.group(alert.groupId());
        if (!active) {
            group.filter(g -> g.state() == GroupState.OPEN).ifPresent(g -> events.addAll(g.memberCleared(now)));
            return;
        }
        if (group.isPresent() && group.get().state() == GroupState.OPEN) {
            group.get().memberActive(now);
        } else if (group.isPresent() && group.get().reopenable(config.reopenWindow(), now)) {
            AlertGroup g = group.get();
            events.add(g.reopen("alert " + alert.number() + " (" + alert.name() + ") fired again within the reopen window",
                    now));
            g.memberActive(now);
        } else {
            place(alert, checkWindows, scope, events);
        }
    }

    private static Suppression suppression(ActiveWindow w) {
        return w.kind() == ActiveWindow.Kind.CHANGE_WINDOW
                ? new Suppression(SuppressionReason.CHANGE_WINDOW, w.changeId(), w.changeNumber(), null, null, w.until(),
                        null, "in the window of change " + (w.changeNumber() != null ? w.changeNumber() : w.changeId()))
                : new Suppression(SuppressionReason.MAINTENANCE_WINDOW, null, null, w.windowId(), w.name(), w.until(),
                        null, "in maintenance window " + w.name());
    }
}
