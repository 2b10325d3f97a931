package dev.itsm.incident.bench;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Create-incident throughput and latency, straight against the service's HTTP port (no gateway),
 * on the real stack: JWT check, validation, replica lookup, insert, history row and outbox row in one
 * transaction, relay to Kafka running alongside. Not a test: it prints numbers.
 * <p>
 * {@code ./mvnw -B -pl incident-service test -Dgroups=benchmark -DexcludedGroups=none}
 * Tunables: {@code -Dbench.clients=16 -Dbench.warmup=500 -Dbench.seconds=30}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_incident"))
class CreateIncidentBenchmarkTest {

    @TestHTTPResource("/api/v1/incidents")
    URL incidents;

    @Test
    void createIncidentThroughputAndLatency() throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        int warmup = Integer.getInteger("bench.warmup", 500);
        int seconds = Integer.getInteger("bench.seconds", 30);

        UUID service = UUID.randomUUID();
        BenchSupport.publishLiveService(service);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = TestTokens.bearer("bench", Roles.AGENT);
        URI uri = incidents.toURI();

        run(http, uri, token, service, clients, Duration.ofDays(1), warmup, new Histogram(60_000_000_000L, 3));

        Histogram latency = new Histogram(60_000_000_000L, 3);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long[] counts = run(http, uri, token, service, clients, Duration.ofSeconds(seconds), Integer.MAX_VALUE, latency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuPerRequest = (processCpuNanos() - cpuStart) / 1e6 / Math.max(1, counts[0]);

        String report = String.format(Locale.ROOT, """
                create-incident benchmark (POST /api/v1/incidents, direct to the service)
                  clients (concurrent connections) : %d
                  duration                          : %.1f s (after %d warm-up requests)
                  requests ok / failed              : %d / %d
                  throughput                        : %.1f incidents/s
                  latency p50 / p90 / p99 / p99.9   : %.1f / %.1f / %.1f / %.1f ms
                  latency max                       : %.1f ms
                  JVM CPU per request               : %.2f ms (this JVM: client, service, relay, in-process Kafka; not PostgreSQL)
                  cores available                   : %d
                """, clients, elapsed, warmup, counts[0], counts[1], counts[0] / elapsed,
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()), cpuPerRequest,
                Runtime.getRuntime().availableProcessors());
        System.out.println(report);
        System.err.println(report);
        Files.writeString(Path.of("target", "benchmark-create-incident.txt"), report);
    }

    /** Runs {@code clients} loops until {@code duration} passes or {@code total} requests were sent; returns {ok, failed}. */
    static long[] run(HttpClient http, URI uri, String token, UUID service, int clients, Duration duration, int total,
            Histogram latency) throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                loops.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline && sent.incrementAndGet() <= total) {
                        String body = """
                                {"title":"Benchmark incident %s","caller":"bench@example.com","serviceId":"%s",
                                 "category":"benchmark","impact":"MEDIUM","urgency":"HIGH"}"""
                                .formatted(UUID.randomUUID(), service);
                        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Authorization", token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                            long t = System.nanoTime() - t0;
                            if (r.statusCode() == 201) {
                                synchronized (latency) {
                                    latency.recordValue(t);
                                }
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : loops) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new long[] { ok.get(), failed.get() };
    }

    /** CPU time of this whole JVM so far. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
