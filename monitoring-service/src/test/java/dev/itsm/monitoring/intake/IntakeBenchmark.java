package dev.itsm.monitoring.intake;

import static io.restassured.RestAssured.given;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Intake throughput: Alertmanager webhooks of 1,000 alerts from 4 concurrent senders, straight to the service (no
 * gateway). Prints accepted alerts/s and the p50/p99 per webhook; asserts nothing about speed. Run with
 * {@code -Dtest=IntakeBenchmark -Dgroups=benchmark -DexcludedGroups=none}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class IntakeBenchmark {

    static final int ALERTS_PER_WEBHOOK = 1_000;
    static final int SENDERS = 4;
    static final int WARMUP = 20;
    static final int WEBHOOKS = 200;

    @Inject
    IntakeQueue queue;

    static String webhook(int n) {
        StringBuilder b = new StringBuilder("{\"version\":\"4\",\"receiver\":\"itsm\",\"status\":\"firing\",\"groupKey\":"
                + "\"{}:{alertname=\\\"NodeDown\\\"}\",\"truncatedAlerts\":0,\"externalURL\":\"http://am:9093\","
                + "\"groupLabels\":{\"alertname\":\"NodeDown\"},\"commonLabels\":{\"job\":\"node\"},"
                + "\"commonAnnotations\":{},\"alerts\":[");
        for (int i = 0; i < ALERTS_PER_WEBHOOK; i++) {
            // 95 % repeats of 50 alerts, 5 % new ones — what a storm looks like
            int id = i % 20 == 0 ? n * ALERTS_PER_WEBHOOK + i : i % 50;
            b.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"NodeDown\","
                    + "\"instance\":\"node-").append(id).append(":9100\",\"job\":\"node\",\"severity\":\"critical\"},"
                    + "\"annotations\":{\"summary\":\"node-").append(id).append(" is down\"},"
                    + "\"startsAt\":\"2026-03-01T10:00:00.123456789Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                    + "\"generatorURL\":\"http://prometheus:9090/graph?g0.expr=up+%3D%3D+0\",\"fingerprint\":\"")
                    .append(String.format("%016x", id)).append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void acceptedAlertsPerSecond() throws Exception {
        String token = TestTokens.bearer("alertmanager", Roles.EVENT_SOURCE);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bodies.add(webhook(i));
        }
        for (int i = 0; i < WARMUP; i++) {
            post(token, bodies.get(i % bodies.size()));
        }
        Histogram latency = new Histogram(60_000_000L, 3);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        long start = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < WEBHOOKS; i++) {
            String body = bodies.get(i % bodies.size());
            sent.add(pool.submit(() -> {
                long t = System.nanoTime();
                post(token, body);
                synchronized (latency) {
                    latency.recordValue((System.nanoTime() - t) / 1_000);
                }
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("intake benchmark: %d webhooks x %d alerts, %d senders: %.0f alerts/s, p50 %.1f ms, "
                + "p99 %.1f ms per webhook%n", WEBHOOKS, ALERTS_PER_WEBHOOK, SENDERS,
                WEBHOOKS * ALERTS_PER_WEBHOOK / seconds, latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0);
        while (!QuarkusTransaction.requiringNew().call(() -> queue.claim(5_000)).isEmpty()) {
            // leave the queue empty for whatever runs next
        }
    }

    private static void post(String token, String body) {
        given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/monitoring/alertmanager").then().statusCode(202);
    }
}
