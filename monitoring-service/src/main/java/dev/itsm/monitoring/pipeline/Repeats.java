package dev.itsm.monitoring.pipeline;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.monitoring.AlertState;
import dev.itsm.monitoring.Suppression;
import dev.itsm.monitoring.SuppressionReason;
import dev.itsm.monitoring.events.AlertFacts;
import dev.itsm.monitoring.events.MonitoringEvent.AlertDeduplicated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The storm path: repeats of alerts that are firing — most of what a storm is — counted in ONE statement per batch
 * (UPDATE … FROM unnest(ids, counts) RETURNING the rows), their AlertDeduplicated events made from the returned rows.
 * No entity is loaded, dirty-checked or written column by column: a repeat changes only its counters. Runs under the
 * processing lock, for alerts the batch does not also change through their entity (keys with only FIRING entries
 * whose latest alert is FIRING).
 * <p>
 * Every repeat is counted at once ({@code occurrences}, {@code lastSeenAt}), but announced at most once per
 * {@code monitoring.dedup.announce-every} per alert: an AlertDeduplicated carries the repeats since the previous one.
 * In a storm that is one event per standing alert per interval — not one per processing batch for every consumer of
 * the topic to read, store in its inbox and ignore. {@code PT0S} announces every batch.
 */
@ApplicationScoped
public class Repeats {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "monitoring.dedup.announce-every", defaultValue = "PT10S")
    Duration announceEvery;

    /**
     * Adds {@code counts[i]} repeats to alert {@code ids[i]}; an AlertDeduplicated for each alert whose last one is at
     * least {@code announceEvery} old (or that has none), with every repeat not announced yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AlertDeduplicated> count(List<UUID> ids, List<Integer> counts, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update alert a
                    set occurrences = a.occurrences + v.n, last_seen_at = ?, updated_at = ?, version = a.version + 1,
                        repeats_announced_at = case when v.due then ? else a.repeats_announced_at end,
                        unannounced_repeats = case when v.due then 0 else v.pending end
                    from (select x.id, x.n, p.unannounced_repeats + x.n as pending,
                                 (p.repeats_announced_at is null or p.repeats_announced_at <= ?) as due
                          from unnest(?, ?) as x(id, n) join alert p on p.id = x.id) v
                    where a.id = v.id and a.state = 'FIRING'
                    returning a.*, v.pending as repeats, v.due as due""")) {
                Timestamp at = Timestamp.from(now);
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, at);
                ps.setTimestamp(4, Timestamp.from(now.minus(announceEvery)));
                Array idArray = c.createArrayOf("uuid", ids.toArray());
                Array countArray = c.createArrayOf("int4", counts.toArray());
                ps.setArray(5, idArray);
                ps.setArray(6, countArray);
                List<AlertDeduplicated> events = new ArrayList<>(ids.size());
                int counted = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counted++;
                        if (rs.getBoolean("due")) {
                            events.add(new AlertDeduplicated(facts(rs, now), rs.getInt("repeats")));
                        }
                    }
                }
                if (counted != ids.size()) {
                    // the processing lock makes this impossible; if it happens, roll the batch back rather than lose counts
                    throw new IllegalStateException("expected " + ids.size() + " firing alerts, counted " + counted);
                }
                return events;
            }
        });
    }

    /** The facts of an alert row, as {@link dev.itsm.monitoring.Alert#facts} makes them. */
    private AlertFacts facts(ResultSet rs, Instant occurredAt) throws SQLException {
        String reason = rs.getString("suppression_reason");
        Suppression suppression = reason == null ? null : new Suppression(SuppressionReason.valueOf(reason),
                rs.getString("suppression_change_id"), rs.getString("suppression_change_number"),
                rs.getString("suppression_window_id"), rs.getString("suppression_window_name"),
                instant(rs, "suppressed_until"), rs.getString("suppressed_by"), rs.getString("suppression_note"));
        return new AlertFacts(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("dedup_key"),
                rs.getString("fingerprint"), rs.getString("source"), rs.getString("source_name"), rs.getString("name"),
                rs.getString("summary"), rs.getString("severity"), read(rs.getString("labels"), LABELS),
                read(rs.getString("annotations"), LABELS), rs.getObject("ci_id", UUID.class), rs.getString("ci_name"),
                read(rs.getString("service_ids"), IDS), rs.getString("impact"), rs.getString("urgency"),
                rs.getObject("rule_id", UUID.class), rs.getObject("rule_version", Long.class),
                AlertState.valueOf(rs.getString("state")), instant(rs, "starts_at"), instant(rs, "ends_at"),
                instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), rs.getLong("occurrences"),
                rs.getInt("flap_count"), rs.getObject("group_id", UUID.class), suppression,
                rs.getString("acknowledged_by"), instant(rs, "acknowledged_at"), rs.getString("unrouted_reason"),
                rs.getLong("version"), occurredAt);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return value == null ? null : json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable jsonb column of alert", e);
        }
    }
}
