package dev.itsm.change.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Consumes {@code itsm.monitoring.events}: an {@code AlertSuppressed} whose suppression names a change window
 * ({@code suppression.reason} CHANGE_WINDOW, {@code suppression.changeId} one of our changes) records the alert as a
 * suspect of that change; every later alert event ({@code AlertResolved}, a re-fire, a dedup) carries the alert's
 * facts and updates the state of the rows it has. Group events ({@code AlertGroup*}, {@code AlertCorrelated}) carry
 * group facts and are skipped. Upserts apply only when the event is not older than the row; redelivery is the
 * platform inbox's.
 */
@ApplicationScoped
public class MonitoringEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.monitoring.events";
    private static final Logger LOG = Logger.getLogger(MonitoringEventHandler.class);

    private final EntityManager em;
    private final Clock clock;

    MonitoringEventHandler(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** The alert events (they carry an alert's facts); group events and AlertCorrelated are passed over unread. */
    @Override
    public Set<String> types() {
        return Set.of("AlertRaised", "AlertDeduplicated", "AlertSuppressed", "AlertUnsuppressed", "AlertAcknowledged",
                "AlertResolved");
    }

    @Override
    public void handle(InboundEvent event) {
        if (!event.name().startsWith("Alert") || event.name().startsWith("AlertGroup") || event.is("AlertCorrelated")
                || !event.payload().hasNonNull("alertId") || !event.payload().hasNonNull("state")) {
            return;
        }
        UUID alertId = event.requiredUuid("alertId");
        Instant at = event.occurredAt(clock.instant());
        UUID changeId = event.is("AlertSuppressed") ? suspectedChange(event) : null;
        if (changeId != null) {
            recordSuspect(event, changeId, alertId, at);
        } else {
            em.createNativeQuery("""
                    update change_suspect_alert set state = ?1, updated_at = ?2
                    where alert_id = ?3 and updated_at <= ?2""")
                    .setParameter(1, event.requiredText("state")).setParameter(2, Timestamp.from(at))
                    .setParameter(3, alertId).executeUpdate();
        }
    }

    /** The change of a CHANGE_WINDOW suppression when it is one of ours; null otherwise. */
    private UUID suspectedChange(InboundEvent event) {
        JsonNode suppression = event.payload().path("suppression");
        if (!"CHANGE_WINDOW".equals(suppression.path("reason").asText(null))) {
            return null;
        }
        String text = suppression.path("changeId").asText(null);
        UUID changeId;
        try {
            changeId = text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw event.poison("suppression.changeId '" + text + "' is not a UUID");
        }
        if (changeId == null || ((Number) em.createNativeQuery("select count(*) from change_request where id = ?1")
                .setParameter(1, changeId).getSingleResult()).longValue() == 0) {
            LOG.debugf("%s %s names change %s, which is not ours", event.name(), event.id(), changeId);
            return null;
        }
        return changeId;
    }

    private void recordSuspect(InboundEvent event, UUID changeId, UUID alertId, Instant at) {
        // suppressed_at stays the first suppression's: a repeated suppression by the same change is the same suspect
        em.createNativeQuery("""
                insert into change_suspect_alert (id, change_id, alert_id, number, name, severity, ci_id, ci_name, state,
                    suppressed_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
                on conflict (id) do update set number = excluded.number, name = excluded.name,
                    severity = excluded.severity, ci_id = excluded.ci_id, ci_name = excluded.ci_name,
                    state = excluded.state, updated_at = excluded.updated_at
                where change_suspect_alert.updated_at <= excluded.updated_at""")
                .setParameter(1, SuspectAlert.idOf(changeId, alertId)).setParameter(2, changeId).setParameter(3, alertId)
                .setParameter(4, event.requiredText("number")).setParameter(5, event.text("name"))
                .setParameter(6, event.text("severity")).setParameter(7, event.uuid("ciId"))
                .setParameter(8, event.text("ciName")).setParameter(9, event.requiredText("state"))
                .setParameter(10, Timestamp.from(at)).executeUpdate();
    }
}
