package dev.itsm.deploy;

import java.io.IOException;
import java.time.Duration;

/**
 * The outages the system tests and benchmarks inflict on a running {@link Stack}: the broker down
 * and back, a component killed ({@code kill -9}) or stopped and restarted, the database restarted.
 * Only embedded servers can be controlled; on external ones these fail with a clear message.
 */
public final class Faults {

    private final Stack stack;

    Faults(Stack stack) {
        this.stack = stack;
    }

    public void stopKafka() {
        stack.embeddedKafka().stop();
    }

    public void startKafka() {
        stack.embeddedKafka().start();
    }

    /** {@code kill -9} of a component. */
    public void kill(String component) throws InterruptedException {
        stack.supervisor().kill(component);
    }

    /** Graceful stop of a component (SIGTERM). */
    public void stop(String component) throws InterruptedException {
        stack.supervisor().stop(component);
    }

    /** Starts a stopped or killed component again and waits until it is ready. */
    public void restart(String component) throws IOException, InterruptedException {
        Process old = stack.supervisor().process(component);
        if (old != null && old.isAlive()) {
            stop(component);
        }
        stack.spawn(component);
        stack.awaitReady(component);
    }

    /** Stops the embedded PostgreSQL server for {@code down}, then starts it again (same port and data). */
    public void restartPostgres(Duration down) throws InterruptedException {
        stack.restartEmbeddedPostgres(down);
    }
}
