package dev.itsm.monitoring.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * What reading a timestamp costs, by hand ({@link Rfc3339}) against java.time's formatter ({@code OffsetDateTime.parse}),
 * and reading a queued alert back ({@link NormalizedAlert} with {@link QueuedInstant}) against Jackson's own instant
 * reader — in one JVM, after a warm-up, best of five rounds. Prints ns per call; asserts nothing about speed. Run with
 * {@code ./mvnw -B -o verify -pl monitoring-service -Dtest=TimestampParseBenchmark -Dgroups=benchmark -DexcludedGroups=none}.
 */
@Tag("benchmark")
class TimestampParseBenchmark {

    /** A queued alert as Jackson reads it without QueuedInstant: the same record, default instant reader. */
    record PlainAlert(AlertSource source, String sourceName, AlertStatus status, String fingerprint, String name,
            String severity, String summary, String description, java.util.Map<String, String> labels,
            java.util.Map<String, String> annotations, Instant startsAt, Instant endsAt, String generatorUrl,
            Instant receivedAt) {
    }

    @Test
    void nanosecondsPerTimestampAndPerQueuedAlert() throws Exception {
        List<String> stamps = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            stamps.add(Instant.ofEpochSecond(1_790_000_000L + i * 7919L, i * 123_457L).toString());
            stamps.add(OffsetDateTime.parse("2026-03-01T10:00:00.123456789+02:00").plusSeconds(i).toString());
        }
        System.out.printf("timestamp: Rfc3339.parse %.0f ns, OffsetDateTime.parse %.0f ns per call%n",
                nanosPerCall(stamps, Rfc3339::parse), nanosPerCall(stamps, s -> OffsetDateTime.parse(s).toInstant()));

        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            queued.add(json.writeValueAsString(new NormalizedAlert(AlertSource.ALERTMANAGER, "itsm", AlertStatus.FIRING,
                    String.format("%016x", i), "NodeDown", "critical", "node-" + i + " is down", null,
                    java.util.Map.of("alertname", "NodeDown", "instance", "node-" + i + ":9100", "severity", "critical"),
                    java.util.Map.of("summary", "node-" + i + " is down"), Instant.parse("2026-03-01T10:00:00.123456789Z"),
                    null, "http://prometheus:9090/graph", Instant.now())));
        }
        System.out.printf("queued alert read back: with QueuedInstant %.0f ns, with Jackson's instant reader %.0f ns%n",
                nanosPerCall(queued, s -> read(json, s, NormalizedAlert.class)),
                nanosPerCall(queued, s -> read(json, s, PlainAlert.class)));
    }

    private static <T> T read(ObjectMapper json, String s, Class<T> type) {
        try {
            return json.readValue(s, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Best of five rounds of 200 passes over the inputs, after 200 passes of warm-up. */
    private static double nanosPerCall(List<String> inputs, Function<String, Object> f) {
        Object sink = null;
        for (int i = 0; i < 200; i++) {
            for (String s : inputs) {
                sink = f.apply(s);
            }
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                for (String s : inputs) {
                    sink = f.apply(s);
                }
            }
            best = Math.min(best, (System.nanoTime() - t) / (200.0 * inputs.size()));
        }
        if (sink == null) {
            throw new AssertionError("nothing parsed");
        }
        return best;
    }
}
