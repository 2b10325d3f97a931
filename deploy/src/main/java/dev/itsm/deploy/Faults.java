package dev.itsm.deploy;

import java.io.IOException;
import java.time.Duration;

/**
 * The outages the system tests and benchmarks inflict on a running {@link Stack}: the broker down
 * and back, a component killed ({@code kill -9}) or stopped and restarted, the database restarted.
 * Components are named as the stack names them: {@code incident-service} is the component (its
 * first instance), {@code incident-service#2} its second instance, so one replica can be killed
 * while the others serve.
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

    /** {@code kill -9} of a component or one instance ({@code incident-service#2}); returns once it is gone. */
    public void kill(String instance) throws InterruptedException {
        stack.supervisor().kill(instance);
    }

    /** Graceful stop of a component or one instance (SIGTERM). */
    public void stop(String instance) throws InterruptedException {
        stack.supervisor().stop(instance);
    }

    /**
     * Starts stopped or killed components or instances again (one still running is stopped first)
     * and waits until all of them are ready. They start together, so restarting several costs one
     * start-up, not one per instance.
     */
    public void restart(String... instances) throws IOException, InterruptedException {
        for (String instance : instances) {
            Process old = stack.supervisor().process(instance);
            if (old != null && old.isAlive()) {
                stop(instance);
            }
        }
        for (String instance : instances) {
            stack.spawn(instance);
        }
        stack.awaitReady(instances);
    }

    /** Stops the embedded PostgreSQL server for {@code down}, then starts it again (same port and data). */
    public void restartPostgres(Duration down) throws InterruptedException {
        stack.restartEmbeddedPostgres(down);
    }
}
