package dev.itsm.platform.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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

    @Override
    public void handle(InboundEvent event) {
        if (event.data().path("fail").asBoolean(false)) {
            throw new IllegalStateException("handler refuses event " + event.id());
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into feed_effect (event_id, n, trace_id) values (?, ?, ?)")) {
            ps.setString(1, event.id());
            ps.setInt(2, event.data().path("n").asInt());
            // the trace the consumer continued (from the record's traceparent header)
            ps.setString(3, io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
