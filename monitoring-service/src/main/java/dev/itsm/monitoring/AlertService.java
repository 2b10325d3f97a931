package dev.itsm.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.monitoring.events.MonitoringEvent;
import dev.itsm.monitoring.pipeline.AlertPlacement;
import dev.itsm.monitoring.pipeline.CorrelationScopes;
import dev.itsm.monitoring.pipeline.CorrelationScope;
import dev.itsm.monitoring.pipeline.ProcessingLock;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.UnprocessableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * What people do to alerts: acknowledge, suppress until a time, unsuppress. Each command takes the processing lock
 * (so it never races a processing batch over a group's counts), locks the alert, checks {@code If-Match} when given,
 * and publishes its events with the change. The 409s name the alert's state and the commands it accepts.
 */
@ApplicationScoped
public class AlertService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ProcessingLock lock;

    @Inject
    AlertPlacement placement;

    @Inject
    CorrelationScopes scopes;

    @Inject
    MonitoringConfig config;

    /** 404 when there is no such alert. */
    @Transactional
    public Alert get(UUID id) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null) {
            throw new NotFoundException("Alert", id);
        }
        return alert;
    }

    /** 404 when there is no such group. */
    @Transactional
    public AlertGroup group(UUID id) {
        AlertGroup group = em.find(AlertGroup.class, id);
        if (group == null) {
            throw new NotFoundException("Alert group", id);
        }
        return group;
    }

    /** → AlertAcknowledged; 409 unless FIRING and not yet acknowledged. */
    @Transactional
    public Alert acknowledge(UUID id, String ifMatch, String actor, String note) {
        Alert alert = lockForCommand(id, ifMatch);
        outbox.append(alert.acknowledge(actor, note, clock.instant()));
        return alert;
    }

    /**
     * MANUAL suppression until {@code until} (in the future, at most monitoring.suppression.max-duration ahead, else
     * 422) → AlertSuppressed; the alert stops counting in its group, which may start the group's resolution.
     * 409 unless FIRING and not suppressed.
     */
    @Transactional
    public Alert suppress(UUID id, String ifMatch, String actor, Instant until, String note) {
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(config.maxManualSuppression()))) {
            throw new UnprocessableException("invalid-suppression", "Suppression end out of range",
                    "until must be in the future and at most " + config.maxManualSuppression() + " ahead",
                    Map.of("until", String.valueOf(until)));
        }
        Alert alert = lockForCommand(id, ifMatch);
        List<MonitoringEvent> events = new ArrayList<>();
        boolean wasActive = alert.isActive();
        events.add(alert.suppress(actor, until, note, now));
        CorrelationScope scope = scopes.open(now);
        placement.activityChanged(alert, wasActive, false, scope, events);
        outbox.appendAll(events);
        return alert;
    }

    /**
     * Lifts the suppression (manual or a window's) → AlertUnsuppressed; a FIRING alert counts again in its group or
     * is correlated now (no window check: a person decided). 409 unless FIRING and suppressed.
     */
    @Transactional
    public Alert unsuppress(UUID id, String ifMatch, String actor) {
        Instant now = clock.instant();
        Alert alert = lockForCommand(id, ifMatch);
        List<MonitoringEvent> events = new ArrayList<>();
        boolean wasActive = alert.isActive();
        events.add(alert.unsuppress(actor, now));
        CorrelationScope scope = scopes.open(now);
        placement.activityChanged(alert, wasActive, false, scope, events);
        outbox.appendAll(events);
        return alert;
    }

    private Alert lockForCommand(UUID id, String ifMatch) {
        lock.acquire();
        Alert alert = em.find(Alert.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (alert == null) {
            throw new NotFoundException("Alert", id);
        }
        ETags.requireMatch(ifMatch, alert.version());
        return alert;
    }
}
