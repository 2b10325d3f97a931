package dev.itsm.platform.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import dev.itsm.platform.ItsmConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Deletes what the platform's tables keep only for a while: published outbox rows, old
 * idempotency keys and old inbox rows, every {@code itsm.outbox.cleanup-interval}. Deleting is
 * idempotent, so every instance may run it; it is kept apart from the relay so that publishing
 * never waits for a clean-up and a clean-up never depends on holding the relay lock.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final ItsmConfig config;
    private final DataSource dataSource;
    private ScheduledExecutorService scheduler;

    Housekeeping(ItsmConfig config, DataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        long every = config.outbox().cleanupInterval().toMillis();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "itsm-housekeeping");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            cleanUp();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Housekeeping failed, next try in %s: %s", config.outbox().cleanupInterval(), e.getMessage());
        }
    }

    /** One clean-up round; returns the number of rows deleted. */
    public int cleanUp() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            int outbox = st.executeUpdate("delete from outbox_event where published_at < now() - interval '"
                    + config.outbox().retention().toSeconds() + " seconds'");
            int keys = st.executeUpdate("delete from idempotency_key where created_at < now() - interval '"
                    + config.idempotencyRetention().toSeconds() + " seconds'");
            int inbox = st.executeUpdate("delete from processed_event where processed_at < now() - interval '"
                    + config.consumer().retention().toSeconds() + " seconds'");
            if (outbox + keys + inbox > 0) {
                LOG.infof("Cleaned up %d published outbox rows, %d idempotency keys, %d inbox rows", outbox, keys, inbox);
            }
            return outbox + keys + inbox;
        }
    }
}
