package dev.itsm.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.restassured.response.Response;

/**
 * A steady stream of requests through the gateway, one at a time (so at most one is ever in
 * flight), each round touching every service: an incident opened, a configuration item created in
 * the catalogue, a change requested on the test's CI, the SLA timers of the previous incident read.
 * Every call is recorded with when it was in flight and how it ended, so a test can tell a request
 * lost to a {@code kill -9} (in flight at that moment) from one lost for no reason.
 */
final class RequestStream implements AutoCloseable {

    /** One request: which service it was for, when it was in flight (nanoTime), how it ended. */
    record Call(String service, String what, long startNanos, long endNanos, int status, String failure, String createdId) {

        boolean succeeded() {
            return failure == null;
        }

        /** True when the request was in flight at some moment of {@code [fromNanos, toNanos]}. */
        boolean inFlightDuring(long fromNanos, long toNanos) {
            return startNanos <= toNanos && endNanos >= fromNanos;
        }

        @Override
        public String toString() {
            return what + " → " + (failure == null ? String.valueOf(status) : failure);
        }
    }

    private final GatewayClient gateway;
    private final String serviceId;
    private final String ciId;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger rounds = new AtomicInteger();
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "request-stream");
        t.setDaemon(true);
        return t;
    });
    private volatile String lastIncident;

    RequestStream(GatewayClient gateway, String serviceId, String ciId) {
        this.gateway = gateway;
        this.serviceId = serviceId;
        this.ciId = ciId;
    }

    /** Starts a round every {@code pause} after the previous one ended. */
    RequestStream start(Duration pause) {
        runner.scheduleWithFixedDelay(this::round, 0, pause.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    int rounds() {
        return rounds.get();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Ids of what the services acknowledged creating (201) for {@code service}. */
    List<String> acknowledged(String service) {
        return calls().stream().filter(c -> c.service().equals(service) && c.createdId() != null).map(Call::createdId).toList();
    }

    /** Stops after the round under way. */
    @Override
    public void close() throws InterruptedException {
        runner.shutdown();
        if (!runner.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the request stream did not stop within 60 s");
        }
    }

    private void round() {
        int n = rounds.get();
        Call opened = call("incident-service", "POST /api/v1/incidents #" + n, 201,
                () -> gateway.as("stream-agent", "itsm-agent").body(TwoInstancesTest.incident(serviceId)).post("/api/v1/incidents"));
        if (opened.createdId() != null) {
            lastIncident = opened.createdId();
        }
        call("catalog-service", "POST /api/v1/catalog/cis #" + n, 201,
                () -> gateway.as("stream-cat", "itsm-catalog-admin").body(Map.of("name", "stream-ci-" + n + "-" + UUID.randomUUID(),
                        "ciClass", "application", "environment", "production")).post("/api/v1/catalog/cis"));
        Instant slot = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.HOURS);
        call("change-service", "POST /api/v1/changes #" + n, 201,
                () -> gateway.as("stream-rita", "itsm-agent", "itsm-change-manager").body(Map.of("title", "Stream change " + n,
                        "type", "NORMAL", "justification", "two instances", "ciIds", List.of(ciId), "implementationPlan", "apply",
                        "backoutPlan", "revert", "testPlan", "smoke", "plannedStart", slot.toString(),
                        "plannedEnd", slot.plus(Duration.ofHours(1)).toString())).post("/api/v1/changes"));
        String incident = lastIncident;
        if (incident != null) {
            call("sla-service", "GET /api/v1/sla/timers?incidentId=" + incident, 200,
                    () -> gateway.as("stream-reader", "itsm-reader").queryParam("incidentId", incident).get("/api/v1/sla/timers"));
        }
        rounds.incrementAndGet();
    }

    private Call call(String service, String what, int expected, Supplier<Response> request) {
        long start = System.nanoTime();
        Call call;
        try {
            Response r = request.get();
            long end = System.nanoTime();
            boolean ok = r.statusCode() == expected;
            String created = ok && expected == 201 ? r.path("id") : null;
            call = new Call(service, what, start, end, r.statusCode(), ok ? null : "HTTP " + r.statusCode() + " " + r.asString(),
                    created);
        } catch (RuntimeException e) {
            call = new Call(service, what, start, System.nanoTime(), 0, e.toString(), null);
        }
        synchronized (this) {
            calls.add(call);
        }
        return call;
    }
}
