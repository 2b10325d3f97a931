package dev.itsm.monitoring.replica;

import static org.awaitility.Awaitility.await;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;

/**
 * The other services' events monitoring-service replicates, published as those services publish them (full facts,
 * CloudEvents through Kafka with the kit's {@link CloudEventPublisher}); every method returns once the replica has
 * taken the event (its {@code processed_event} row is committed in the same transaction as the replica's change).
 * For tests of the whole module: build a CI graph, changes and maintenance windows, link an incident to a group.
 * <pre>
 * UUID db = ReplicaFixtures.ci("db-1");
 * UUID app = ReplicaFixtures.ci("app-1");
 * ReplicaFixtures.relate(app, "runs_on", db);          // app is downstream of db
 * ReplicaFixtures.serves(app, checkoutService);
 * UUID change = ReplicaFixtures.change(List.of(db), List.of(), "IMPLEMENT", now.minusSeconds(60), now.plusSeconds(3600));
 * </pre>
 */
public final class ReplicaFixtures {

    public static final String DATABASE = "itsm_monitoring";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Change numbers and window versions unique within the test JVM. */
    private static final AtomicLong SEQUENCE = new AtomicLong(1);

    private ReplicaFixtures() {
    }

    /** Now on the services' clock (tests may move it). */
    public static Instant now() {
        return TestClock.INSTANCE.instant();
    }

    // ------------------------------------------------------------------ catalogue

    /** Registers a CI named {@code name}; its id. */
    public static UUID ci(String name) {
        UUID id = UUID.randomUUID();
        ciChanged(id, name, false, now());
        return id;
    }

    /** Publishes ConfigurationItemChanged for the CI as it is at {@code occurredAt} and waits until it is taken. */
    public static void ciChanged(UUID ciId, String name, boolean deleted, Instant occurredAt) {
        awaitProcessed(CloudEventPublisher.publish("catalog", "ConfigurationItemChanged", ciId.toString(),
                ciFacts(ciId, name, deleted, occurredAt)));
    }

    /** Deletes the CI in the catalogue (it keeps its name in the event, as the catalogue sends its last state). */
    public static void deleteCi(UUID ciId, String name) {
        ciChanged(ciId, name, true, now());
    }

    /** {@code sourceCi <relation> targetCi} (runs_on, depends_on, hosts); the relation's id. */
    public static UUID relate(UUID sourceCi, String relation, UUID targetCi) {
        UUID relationId = UUID.randomUUID();
        relationChanged(relationId, sourceCi, relation, "CI", targetCi, "ADDED", now());
        return relationId;
    }

    /** The CI serves the service (a CI→SERVICE relation in the catalogue); the relation's id. */
    public static UUID serves(UUID ci, UUID serviceId) {
        UUID relationId = UUID.randomUUID();
        relationChanged(relationId, ci, "depends_on", "SERVICE", serviceId, "ADDED", now());
        return relationId;
    }

    /** Removes a relation made by {@link #relate} (targetType CI). */
    public static void unrelate(UUID relationId, UUID sourceCi, String relation, UUID targetCi) {
        relationChanged(relationId, sourceCi, relation, "CI", targetCi, "REMOVED", now());
    }

    /** Publishes CiRelationChanged and waits until it is taken. */
    public static void relationChanged(UUID relationId, UUID sourceId, String relation, String targetType, UUID targetId,
            String change, Instant occurredAt) {
        awaitProcessed(CloudEventPublisher.publish("catalog", "CiRelationChanged", sourceId.toString(),
                relationFacts(relationId, sourceId, relation, targetType, targetId, change, occurredAt)));
    }

    public static Map<String, Object> ciFacts(UUID ciId, String name, boolean deleted, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("ciId", ciId.toString());
        m.put("name", name);
        m.put("ciClass", "server");
        m.put("environment", "production");
        m.put("state", "ACTIVE");
        m.put("status", "ACTIVE");
        m.put("attributes", Map.of());
        m.put("deleted", deleted);
        m.put("changedFields", List.of());
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    public static Map<String, Object> relationFacts(UUID relationId, UUID sourceId, String relation, String targetType,
            UUID targetId, String change, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("relationId", relationId.toString());
        m.put("sourceId", sourceId.toString());
        m.put("relation", relation);
        m.put("targetType", targetType);
        m.put("targetId", targetId.toString());
        m.put("change", change);
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    // ------------------------------------------------------------------ changes

    /**
     * A change in {@code state} (e.g. SCHEDULED, IMPLEMENT) on these CIs and services with the planned window
     * [plannedStart, plannedEnd); its id. Its number is {@code "CHG" + 7 digits}, see {@link #changeNumber}.
     */
    public static UUID change(Collection<UUID> ciIds, Collection<UUID> serviceIds, String state, Instant plannedStart,
            Instant plannedEnd) {
        UUID id = UUID.randomUUID();
        String number = "CHG" + String.format("%07d", 5_000_000 + SEQUENCE.getAndIncrement());
        changeEvent("ChangeScheduled", changeFacts(id, number, state, ciIds, serviceIds, plannedStart, plannedEnd, now()));
        return id;
    }

    /** Moves a change made by {@link #change} to {@code state} (ChangeUpdated with its full facts, as of now). */
    public static void changeState(UUID changeId, String state) {
        Map<String, Object> facts = changeFacts(changeId, changeNumber(changeId), state, uuids("ci_ids", changeId),
                uuids("service_ids", changeId), instant("planned_start", changeId), instant("planned_end", changeId), now());
        changeEvent("ChangeUpdated", facts);
    }

    /** The replicated number of a change. */
    public static String changeNumber(UUID changeId) {
        return (String) value("select number from replica_change where change_id = ?", changeId);
    }

    /** Publishes a change event with these facts and waits until it is taken. */
    public static void changeEvent(String type, Map<String, Object> facts) {
        awaitProcessed(CloudEventPublisher.publish("change", type, (String) facts.get("changeId"), facts));
    }

    /** ChangeFacts as change-service publishes them. */
    public static Map<String, Object> changeFacts(UUID changeId, String number, String state, Collection<UUID> ciIds,
            Collection<UUID> serviceIds, Instant plannedStart, Instant plannedEnd, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("changeId", changeId.toString());
        m.put("number", number);
        m.put("title", "Upgrade " + number);
        m.put("type", "NORMAL");
        m.put("state", state);
        m.put("risk", "LOW");
        m.put("approvalStatus", "APPROVED");
        m.put("modelId", null);
        m.put("serviceIds", serviceIds.stream().map(UUID::toString).toList());
        m.put("ciIds", ciIds.stream().map(UUID::toString).toList());
        m.put("plannedStart", plannedStart == null ? null : plannedStart.toString());
        m.put("plannedEnd", plannedEnd == null ? null : plannedEnd.toString());
        m.put("requestedBy", "carol");
        m.put("occurredAt", occurredAt.toString());
        m.put("rescheduled", false);
        m.put("conflictsOverridden", false);
        m.put("overriddenConflicts", 0);
        return m;
    }

    // ------------------------------------------------------------------ maintenance windows

    /** A MAINTENANCE window of the service: on {@code days} from {@code startTime} for {@code minutes}, in
     * {@code zone}; its id. */
    public static UUID maintenanceWindow(UUID serviceId, Set<DayOfWeek> days, LocalTime startTime, int minutes,
            ZoneId zone) {
        UUID id = UUID.randomUUID();
        windowChanged(windowFacts(id, "CREATED", "Maintenance " + SEQUENCE.getAndIncrement(), serviceId, days, startTime,
                minutes, zone, 1, now()));
        return id;
    }

    /** Publishes ChangeWindowChanged with these facts and waits until it is taken. */
    public static void windowChanged(Map<String, Object> facts) {
        awaitProcessed(CloudEventPublisher.publish("change", "ChangeWindowChanged", (String) facts.get("windowId"), facts));
    }

    /** ChangeWindowChanged of a MAINTENANCE window as change-service publishes it. */
    public static Map<String, Object> windowFacts(UUID windowId, String operation, String name, UUID serviceId,
            Set<DayOfWeek> days, LocalTime startTime, int minutes, ZoneId zone, long version, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("windowId", windowId.toString());
        m.put("windowKind", "MAINTENANCE");
        m.put("operation", operation);
        m.put("name", name);
        m.put("reason", null);
        m.put("startsAt", null);
        m.put("endsAt", null);
        m.put("serviceIds", null);
        m.put("global", null);
        m.put("serviceId", serviceId.toString());
        m.put("daysOfWeek", days.stream().sorted().map(DayOfWeek::name).toList());
        m.put("startTime", String.format("%02d:%02d", startTime.getHour(), startTime.getMinute()));
        m.put("durationMinutes", minutes);
        m.put("timeZone", zone.getId());
        m.put("createdAt", occurredAt.toString());
        m.put("updatedAt", occurredAt.toString());
        m.put("version", version);
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    // ------------------------------------------------------------------ incidents

    /** incident-service opened an incident for the alert group (IncidentOpened, source MONITORING); its id. */
    public static UUID incidentForGroup(UUID groupId) {
        UUID id = UUID.randomUUID();
        String number = "INC" + String.format("%07d", 6_000_000 + SEQUENCE.getAndIncrement());
        incidentEvent("IncidentOpened", incidentFacts(id, number, "NEW", groupId, now(), now()));
        return id;
    }

    /** Publishes an incident event with these facts and waits until it is taken. */
    public static void incidentEvent(String type, Map<String, Object> facts) {
        awaitProcessed(CloudEventPublisher.publish("incident", type, (String) facts.get("incidentId"), facts));
    }

    /** IncidentFacts as incident-service publishes them, for an incident of an alert group (null: opened by hand). */
    public static Map<String, Object> incidentFacts(UUID incidentId, String number, String state, UUID alertGroupId,
            Instant openedAt, Instant occurredAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("incidentId", incidentId.toString());
        m.put("number", number);
        m.put("title", "DiskFull on db-1");
        m.put("description", "Disk usage above 95 %");
        m.put("serviceId", null);
        m.put("ciId", null);
        m.put("category", null);
        m.put("impact", "HIGH");
        m.put("urgency", "HIGH");
        m.put("priority", "P1");
        m.put("state", state);
        m.put("assignmentGroup", null);
        m.put("assignee", null);
        m.put("majorIncident", false);
        m.put("parentIncidentId", null);
        m.put("linkedChangeIds", List.of());
        m.put("knownErrorId", null);
        m.put("source", alertGroupId == null ? "API" : "MONITORING");
        m.put("alertGroupId", alertGroupId == null ? null : alertGroupId.toString());
        m.put("openedAt", openedAt.toString());
        m.put("occurredAt", occurredAt.toString());
        return m;
    }

    // ------------------------------------------------------------------ database

    /** Waits until monitoring-service's consumer has taken the event (applied it, or ignored it as stale). */
    public static void awaitProcessed(String eventId) {
        await().atMost(PATIENCE).until(() -> count("select count(*) from processed_event where event_id = ?", eventId) >= 1);
    }

    public static long count(String sql, Object... args) {
        Object v = value(sql, args);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static Object value(String sql, Object... args) {
        List<Object> row = row(sql, args);
        return row.isEmpty() ? null : row.get(0);
    }

    /** The first row's columns (empty when there is none); timestamps as {@link Instant}. */
    public static List<Object> row(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database(DATABASE), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Object> row = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof Timestamp t ? t.toInstant() : v instanceof Array a ? a.getArray() : v);
                    }
                }
                return row;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<UUID> uuids(String column, UUID changeId) {
        Object[] ids = (Object[]) value("select " + column + " from replica_change where change_id = ?", changeId);
        List<UUID> list = new ArrayList<>();
        for (Object id : ids == null ? new Object[0] : ids) {
            list.add((UUID) id);
        }
        return list;
    }

    private static Instant instant(String column, UUID changeId) {
        return (Instant) value("select " + column + " from replica_change where change_id = ?", changeId);
    }
}
