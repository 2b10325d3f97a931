package dev.itsm.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.ItsmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Map;

/**
 * Appends domain events to the {@code outbox_event} table in the caller's transaction, so the
 * state change and its events commit or roll back together (no dual write). {@link OutboxRelay}
 * publishes them to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, source, event_type, aggregate_type, aggregate_id, occurred_at, payload,
                                      traceparent, tracestate)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ServiceIdentity identity;

    Outbox(DataSource dataSource, ObjectMapper json, ItsmConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.identity = new ServiceIdentity(config.service());
    }

    /** Appends one event; must run inside the transaction that made the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(DomainEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    /** Appends events in order; must run inside the transaction that made the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> appendAll(List<? extends DomainEvent> events) {
        // The connection is the one enlisted in the current JTA transaction (Agroal shares it).
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            List<UUID> ids = new ArrayList<>(events.size());
            Map<String, String> trace = TraceContext.current();
            for (DomainEvent event : events) {
                UUID id = UUID.randomUUID();
                ps.setObject(1, id);
                ps.setString(2, identity.topic());
                ps.setString(3, identity.source());
                ps.setString(4, identity.ceType(event.eventType()));
                ps.setString(5, event.aggregateType());
                ps.setString(6, event.aggregateId());
                ps.setTimestamp(7, Timestamp.from(event.occurredAt()));
                ps.setString(8, json.writeValueAsString(event));
                ps.setString(9, trace.get(TraceContext.TRACEPARENT));
                ps.setString(10, trace.get(TraceContext.TRACESTATE));
                ps.addBatch();
                ids.add(id);
            }
            ps.executeBatch();
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append events to the outbox", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload is not serialisable as JSON", e);
        }
    }
}
