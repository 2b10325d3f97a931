package dev.itsm.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.itsm.deploy.Stack;

/**
 * CPU time each part of the suite used between two readings — to show where the work of one request
 * goes (the request's own service, the services that consume its events, the broker, the database).
 */
final class CpuMeter {

    private final Stack stack;
    private final Map<String, Duration> start;

    CpuMeter(Stack stack) {
        this.stack = stack;
        this.start = read();
    }

    private Map<String, Duration> read() {
        Map<String, Duration> m = new LinkedHashMap<>();
        stack.supervisor().processes().forEach((name, p) -> m.put(name, Procs.cpu(p.pid())));
        Duration pg = Duration.ZERO;
        for (long pid : Procs.processTree(stack.home().resolve("pg-bin").toString())) {
            pg = pg.plus(Procs.cpu(pid));
        }
        m.put("PostgreSQL", pg);
        m.put("Kafka broker (bench driver JVM)", Procs.cpu(ProcessHandle.current().pid()));
        return m;
    }

    /** CPU milliseconds per unit of work since this meter was created, by part; "total" last. */
    Map<String, Double> perUnit(long units) {
        Map<String, Double> result = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Duration> e : read().entrySet()) {
            double ms = (e.getValue().toNanos() - start.getOrDefault(e.getKey(), Duration.ZERO).toNanos()) / 1e6;
            result.put(e.getKey(), ms / Math.max(1, units));
            total += ms;
        }
        result.put("total", total / Math.max(1, units));
        return result;
    }
}
