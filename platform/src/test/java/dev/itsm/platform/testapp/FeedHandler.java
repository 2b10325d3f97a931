package dev.itsm.platform.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /** Fed only: other types of the topic are passed over by the consumer (BatchConsumptionTest). */
    @Override
    public Set<String> types() {
        return Set.of("Fed");
    }

    /** Tries so far per event id, for events that ask to fail transiently a number of times. */
    static final Map<String, Integer> TRIES = new ConcurrentHashMap<>();

    /** Latches that events naming them in {@code "hold"} wait for, and the holds being waited on now. */
    static final Map<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();
    static final Set<String> HOLDING = ConcurrentHashMap.newKeySet();

    /** Makes events with {@code "hold": name} wait (up to a minute) until {@link #release}. */
    public static void hold(String name) {
        HOLDS.put(name, new CountDownLatch(1));
    }

    public static boolean holding(String name) {
        return HOLDING.contains(name);
    }

    public static void release(String name) {
        HOLDS.get(name).countDown();
    }

    /** How often the handler was called for an event id (applied or not). */
    public static int tries(String eventId) {
        return TRIES.getOrDefault(eventId, 0);
    }

    @Override
    public void handle(InboundEvent event) {
        String hold = event.text("hold");
        if (hold != null && HOLDS.containsKey(hold)) {
            HOLDING.add(hold);
            try {
                HOLDS.get(hold).await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                HOLDING.remove(hold);
            }
        }
        int transientFailures = event.data().path("transientFailures").asInt(0);
        int failures = event.data().path("failures").asInt(0);
        int tries = TRIES.merge(event.id(), 1, Integer::sum);
        if (event.bool("poison", false)) {
            throw event.poison("the test said so");
        }
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
