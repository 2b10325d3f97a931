package dev.itsm.platform.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Consumes {@code itsm.testfeed.events}: each event adds one {@code feed_effect} row. */
@ApplicationScoped
public class FeedHandler implements EventHandler {

    public static final String TOPIC = "itsm.testfeed.events";

    private final DataSource ds;

    FeedHandler(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** Tries so far per event id, for events that ask to fail transiently a number of times. */
    static final Map<String, Integer> TRIES = new ConcurrentHashMap<>();

    @Override
    public void handle(InboundEvent event) {
        int transientFailures = event.data().path("transientFailures").asInt(0);
        int failures = event.data().path("failures").asInt(0);
        int tries = TRIES.merge(event.id(), 1, Integer::sum);
        if (tries <= transientFailures) {
            // what the JDBC driver throws when the server goes away mid-transaction
            throw new IllegalStateException(new SQLException("An I/O error occurred while sending to the backend", "08006"));
        }
        if (event.data().path("fail").asBoolean(false) || tries <= transientFailures + failures) {
            throw new IllegalStateException("handler refuses event " + event.id());
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into feed_effect (event_id, n, trace_id, occurred_at) values (?, ?, ?, ?)")) {
            ps.setString(1, event.id());
            ps.setInt(2, event.data().path("n").asInt());
            // the trace the consumer continued (from the record's traceparent header)
            ps.setString(3, io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId());
            ps.setTimestamp(4, Timestamp.from(event.occurredAt(Instant.EPOCH)));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
