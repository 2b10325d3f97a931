package dev.itsm.monitoring.replica;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** The incidents incident-service opened for alert groups ({@link IncidentEventHandler}). */
@ApplicationScoped
public class IncidentLinks {

    private final ReplicaDatabase db;

    IncidentLinks(ReplicaDatabase db) {
        this.db = db;
    }

    /** The group's current incident: one still open if there is one (a group whose incident was closed or canceled
     * gets a new one when it reopens), else the latest opened. */
    public Optional<IncidentLink> forGroup(UUID groupId) {
        return db.query("""
                select incident_id, number, state from replica_group_incident where alert_group_id = ?
                order by (state in ('CLOSED', 'CANCELED')), opened_at desc nulls last, occurred_at desc limit 1""",
                rs -> new IncidentLink(groupId, ReplicaDatabase.uuid(rs, "incident_id"), rs.getString("number"),
                        rs.getString("state")), groupId).stream().findFirst();
    }

    /** {@link #forGroup} of many groups in one query (a page of groups); groups without an incident are absent. */
    public Map<UUID, IncidentLink> forGroups(Collection<UUID> groupIds) {
        Map<UUID, IncidentLink> links = new LinkedHashMap<>();
        if (groupIds == null || groupIds.isEmpty()) {
            return links;
        }
        db.query("""
                select distinct on (alert_group_id) alert_group_id, incident_id, number, state
                from replica_group_incident where alert_group_id = any(?)
                order by alert_group_id, (state in ('CLOSED', 'CANCELED')), opened_at desc nulls last, occurred_at desc""",
                rs -> new IncidentLink(ReplicaDatabase.uuid(rs, "alert_group_id"), ReplicaDatabase.uuid(rs, "incident_id"),
                        rs.getString("number"), rs.getString("state")), List.copyOf(groupIds))
                .forEach(link -> links.put(link.groupId(), link));
        return links;
    }
}
