package dev.itsm.monitoring.replica;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the replica of the catalogue's configuration items and relations that {@link CiGraph} walks.
 * {@code ConfigurationItemChanged} upserts the CI (a deleted one stays as a tombstone and its relations are removed);
 * {@code CiRelationChanged} upserts the relation, normalised to (downstream, upstream) for a CI target — {@code a
 * runs_on/depends_on b}: a is downstream of b; {@code a hosts b}: b is downstream of a — or to (CI, service) for a
 * SERVICE target; REMOVED keeps it as removed. Each upsert applies only when the event is not older than the row
 * (one statement, so a stale event changes nothing); a redelivered event id never reaches us (platform inbox).
 * Other catalogue events carry nothing the graph uses.
 */
@ApplicationScoped
public class CatalogEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.catalog.events";
    private static final Logger LOG = Logger.getLogger(CatalogEventHandler.class);

    private final ReplicaDatabase db;
    private final Clock clock;

    CatalogEventHandler(ReplicaDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.is("ConfigurationItemChanged")) {
            applyCi(event);
        } else if (event.is("CiRelationChanged")) {
            applyRelation(event);
        }
    }

    private void applyCi(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        UUID ciId = event.requiredUuid("ciId");
        boolean deleted = event.bool("deleted", false);
        int applied = db.update("""
                insert into replica_ci (id, name, deleted, updated_at) values (?, ?, ?, ?)
                on conflict (id) do update set name = excluded.name, deleted = excluded.deleted,
                    updated_at = excluded.updated_at
                where replica_ci.updated_at <= excluded.updated_at""",
                ciId, event.requiredText("name"), deleted, at);
        if (applied == 0) {
            LOG.debugf("Ignoring stale %s for CI %s", event.name(), ciId);
            return;
        }
        if (deleted) {
            // the catalogue drops a deleted CI's relations; alerts must not correlate through it any more
            db.update("""
                    update replica_ci_relation set removed = true, updated_at = ?
                    where (source_id = ? or target_id = ?) and not removed and updated_at <= ?""", at, ciId, ciId, at);
        }
    }

    private void applyRelation(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        UUID relationId = event.requiredUuid("relationId");
        UUID source = event.requiredUuid("sourceId");
        UUID target = event.requiredUuid("targetId");
        String relation = event.requiredText("relation").toLowerCase(Locale.ROOT);
        boolean toService = "SERVICE".equalsIgnoreCase(event.requiredText("targetType"));
        boolean removed = "REMOVED".equalsIgnoreCase(event.requiredText("change"));
        UUID downstream;
        UUID upstream;
        if (toService) {
            downstream = source;
            upstream = null;
        } else if (relation.equals("hosts")) {
            downstream = target;
            upstream = source;
        } else if (relation.equals("runs_on") || relation.equals("depends_on")) {
            downstream = source;
            upstream = target;
        } else {
            LOG.debugf("Ignoring %s %s: relation '%s' has no known direction", event.name(), relationId, relation);
            return;
        }
        int applied = db.update("""
                insert into replica_ci_relation (relation_id, source_id, relation, target_type, target_id,
                    downstream_id, upstream_id, service_id, removed, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (relation_id) do update set source_id = excluded.source_id, relation = excluded.relation,
                    target_type = excluded.target_type, target_id = excluded.target_id,
                    downstream_id = excluded.downstream_id, upstream_id = excluded.upstream_id,
                    service_id = excluded.service_id, removed = excluded.removed, updated_at = excluded.updated_at
                where replica_ci_relation.updated_at <= excluded.updated_at""",
                relationId, source, relation, toService ? "SERVICE" : "CI", target, downstream, upstream,
                toService ? target : null, removed, at);
        if (applied == 0) {
            LOG.debugf("Ignoring stale %s for relation %s", event.name(), relationId);
        }
    }
}
