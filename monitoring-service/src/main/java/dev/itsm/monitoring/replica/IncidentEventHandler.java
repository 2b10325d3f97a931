package dev.itsm.monitoring.replica;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code itsm.incident.events} for {@link IncidentLinks}: every incident event whose facts name an
 * {@code alertGroupId} upserts that incident's number and state (incidents opened by hand carry none and are not
 * kept). A later event of the same incident wins; an older one is ignored.
 */
@ApplicationScoped
public class IncidentEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.incident.events";
    private static final Logger LOG = Logger.getLogger(IncidentEventHandler.class);

    private final ReplicaDatabase db;
    private final Clock clock;

    IncidentEventHandler(ReplicaDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        UUID groupId = event.uuid("alertGroupId");
        if (groupId == null || !event.payload().hasNonNull("incidentId")) {
            return;
        }
        Instant at = event.occurredAt(clock.instant());
        UUID incidentId = event.requiredUuid("incidentId");
        int applied = db.update("""
                insert into replica_group_incident (incident_id, alert_group_id, number, state, opened_at, occurred_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (incident_id) do update set alert_group_id = excluded.alert_group_id,
                    number = excluded.number, state = excluded.state,
                    opened_at = coalesce(excluded.opened_at, replica_group_incident.opened_at),
                    occurred_at = excluded.occurred_at
                where replica_group_incident.occurred_at <= excluded.occurred_at""",
                incidentId, groupId, event.requiredText("number"), event.requiredText("state"),
                event.instant("openedAt"), at);
        if (applied == 0) {
            LOG.debugf("Ignoring stale %s for incident %s", event.name(), incidentId);
        }
    }
}
