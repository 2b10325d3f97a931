package dev.itsm.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Table 9: request-service (issue #18) in the running suite, through the gateway. Two published
 * offerings with a request form, one free (its relationship has no approval levels: a request is
 * approved at once and its items' tasks are created in the same transaction) and one with a cost
 * (the relationship's sponsor is the budget level: a request waits for approval); a consumer
 * organisation whose requester orders each of them with valid answers. Reported: {@code POST
 * /api/v1/requests} as the requester (token role {@code itsm-requester}, the form's answers
 * validated, the replica's eligibility rules applied) — requests/s and p50/p99 with the write path
 * saturated (a burst, closed loop) and at a fixed rate (open loop, latency from each request's due
 * time) — and the time from sending the POST to a plain Kafka consumer in the bench process reading
 * that request's {@code ServiceRequestSubmitted} on {@code itsm.request.events}, with
 * request-service's share (the record's Kafka timestamp minus the instant the POST was sent).
 */
final class ServiceRequests {

    static final String SERVICE = "request-service";
    static final String REQUEST_TOPIC = "itsm.request.events";
    static final int CONNECTIONS = 16;

    private ServiceRequests() {
    }

    /** One offering as the bench orders it: its ids and the answers each request sends. */
    record Offering(String label, String offeringId, String organisationId, String answers) {
    }

    record Row(String offering, String mode, long created, long errors, double rate, Latency post, Histogram toEvent,
            Histogram share) {
    }

    static void run(Suite s, Report report) throws Exception {
        if (!s.stack.has(SERVICE)) {
            throw new IllegalStateException(SERVICE + " is not part of the stack (deploy's Component list)");
        }
        StringBuilder raw = new StringBuilder();
        try {
            String run = UUID.randomUUID().toString().substring(0, 6);
            String requester = "bench-requester-" + run;
            String sponsor = "bench-sponsor-" + run;
            String requesterToken = s.stack.tokens().token(requester, Set.of("itsm-requester"), Duration.ofHours(6));
            String serviceId = ProblemManagement.liveService(s, "bench-requests");
            String organisationId = organisation(s, run, requester, sponsor);
            Offering free = offering(s, "free, no approval", run, serviceId, organisationId, sponsor, false);
            Offering paid = offering(s, "with cost, sponsor level", run, serviceId, organisationId, sponsor, true);
            raw.append("service ").append(serviceId).append(", organisation ").append(organisationId).append(", offerings ")
                    .append(free.offeringId()).append(" (free), ").append(paid.offeringId()).append(" (paid)\n");
            for (Offering o : List.of(free, paid)) {
                long waited = System.nanoTime();
                firstRequest(s, requesterToken, o);
                raw.append(o.label()).append(": request-service's replica knew it after ")
                        .append((System.nanoTime() - waited) / 1e9).append(" s\n");
            }

            int warmUp = s.quick ? 100 : 500;
            int burst = s.quick ? 300 : 2000;
            double rate = s.quick ? 10 : 40;
            Duration paced = s.seconds(60, 10);
            List<Row> rows = new ArrayList<>();
            for (Offering o : List.of(free, paid)) {
                measure(s, requesterToken, o, "warm-up", warmUp, 0, null, raw); // JIT, pools, the schema cache
                rows.add(measure(s, requesterToken, o, "burst", burst, 0, null, raw));
                rows.add(measure(s, requesterToken, o, "paced", 0, rate, paced, raw));
            }

            report.heading("9. Service requests: ordering an offering")
                    .text("Through the gateway on the running suite. Two published offerings of one LIVE service, each with "
                            + "a request form (JSON Schema 2020-12, one object per component key) and two components: one "
                            + "free (GOODS + SERVICE_ACTION; its service relationship has no approval levels, so a request "
                            + "is approved at once and its two fulfilment tasks are created in the same transaction), one "
                            + "with a cost (GOODS + ACCESS_TO_RESOURCES; the relationship's sponsor is the budget level, so "
                            + "a request waits in AWAITING_APPROVAL). Each request: `POST /api/v1/requests` as a requester "
                            + "of the consumer organisation (role `itsm-requester`, ordering for themselves) with valid "
                            + "answers, checked against request-service's replica of the catalogue (offering, organisation, "
                            + "people, relationship) and the form. Burst: " + CONNECTIONS + " requests at a time (closed "
                            + "loop: requests/s is the saturated rate, latency per request); paced: " + Report.rate(rate)
                            + " requests/s for " + paced.toSeconds() + " s (open loop, latency from each request's due "
                            + "time). Submit → event: from sending the POST to a plain Kafka consumer in the bench process "
                            + "reading that request's `ServiceRequestSubmitted` on `" + REQUEST_TOPIC + "`; request-service's "
                            + "share: that record's Kafka timestamp minus the instant the POST was sent (transaction, outbox "
                            + "relay; whole milliseconds). Each measurement starts with request-service's outbox empty; "
                            + "warm-up: " + Report.count(warmUp) + " requests per offering, untimed.");
            Report.Table t = report.table("offering", "load", "requests (201)", "errors", "requests/s", "POST p50 ms",
                    "p99 ms", "submit → event p50 ms", "p99 ms", "max ms", "request-service share p50 ms", "p99 ms");
            for (Row r : rows) {
                t.row(r.offering(), r.mode(), Report.count(r.created()), Report.count(r.errors()), Report.rate(r.rate()),
                        Report.ms(r.post().p50()), Report.ms(r.post().p99()), ms(r.toEvent(), 50), ms(r.toEvent(), 99), ms(r.toEvent(), 100),
                        ms(r.share(), 50), ms(r.share(), 99));
            }
            t.end();
        } finally {
            Files.writeString(s.raw.resolve("service-requests.txt"), raw.toString());
        }
    }

    // ------------------------------------------------------------------ set-up through the catalogue

    /** A consumer organisation with the requester (USER) and the sponsor (SPONSOR). */
    static String organisation(Suite s, String run, String requester, String sponsor) throws Exception {
        String base = s.gateway() + "/api/v1/catalog/consumer-organisations";
        String id = s.call(s.post(base, "{\"name\":\"Bench consumers " + run + "\",\"description\":\"Orders in the benchmark\"}"),
                201).get("id").asText();
        for (String[] person : List.of(new String[] { requester, "USER" }, new String[] { sponsor, "SPONSOR" })) {
            HttpResponse<String> r = s.http.send(put(s, base + "/" + id + "/people/" + person[0],
                    "{\"displayName\":\"" + person[0] + "\",\"roles\":[\"" + person[1] + "\"]}"), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 201) {
                throw new IllegalStateException("PUT person " + person[0] + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        return id;
    }

    /**
     * A published offering with a form and two components (every component with its {@code key}), and an ACTIVE
     * relationship of the organisation to it: {@code paid} adds a cost, so the sponsor becomes the budget level.
     */
    static Offering offering(Suite s, String label, String run, String serviceId, String organisationId, String sponsor,
            boolean paid) throws Exception {
        String second = paid
                ? "{\"key\":\"vpn\",\"kind\":\"ACCESS_TO_RESOURCES\",\"description\":\"VPN access\",\"accessPeriod\":\"P30D\"}"
                : "{\"key\":\"setup\",\"kind\":\"SERVICE_ACTION\",\"description\":\"Set-up at the desk\"}";
        String secondForm = paid
                ? "\"vpn\":{\"type\":\"object\",\"required\":[\"accessLevel\"],\"properties\":{\"accessLevel\":{\"enum\":[\"read\",\"read-write\"]}}}"
                : "\"setup\":{\"type\":\"object\",\"properties\":{\"preferredDay\":{\"enum\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]}}}";
        String form = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                + "\"required\":[\"laptop\"],\"additionalProperties\":false,\"properties\":{"
                + "\"laptop\":{\"type\":\"object\",\"required\":[\"model\"],\"additionalProperties\":false,\"properties\":{"
                + "\"model\":{\"enum\":[\"ThinkPad X1\",\"MacBook Pro 14\"]},\"keyboardLayout\":{\"type\":\"string\",\"maxLength\":20}}},"
                + secondForm + "}}";
        String body = "{\"name\":\"Bench kit " + (paid ? "paid " : "free ") + run + "\",\"description\":\"Ordered by the benchmark\","
                + "\"targetConsumerGroup\":\"all-employees\",\"serviceIds\":[\"" + serviceId + "\"],"
                + "\"components\":[{\"key\":\"laptop\",\"kind\":\"GOODS\",\"description\":\"Laptop\"}," + second + "],"
                + (paid ? "\"cost\":{\"amount\":1249.90,\"currency\":\"EUR\",\"period\":\"ONE_OFF\"}," : "")
                + "\"requestForm\":" + form + "}";
        String base = s.gateway() + "/api/v1/catalog/offerings";
        String id = s.call(s.post(base, body), 201).get("id").asText();
        s.call(s.post(base + "/" + id + "/publish", ""), 200);
        s.call(s.post(s.gateway() + "/api/v1/catalog/service-relationships", "{\"organisationId\":\"" + organisationId
                + "\",\"offeringId\":\"" + id + "\",\"sponsor\":\"" + sponsor + "\",\"validFrom\":\""
                + Instant.now().minus(Duration.ofHours(1)) + "\"}"), 201);
        String answers = "{\"laptop\":{\"model\":\"ThinkPad X1\",\"keyboardLayout\":\"de-CH\"},"
                + (paid ? "\"vpn\":{\"accessLevel\":\"read\"}" : "\"setup\":{\"preferredDay\":\"MONDAY\"}") + "}";
        return new Offering(label, id, organisationId, answers);
    }

    static HttpRequest put(Suite s, String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + s.token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest order(Suite s, String token, Offering o) {
        return HttpRequest.newBuilder(URI.create(s.gateway() + "/api/v1/requests")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"offeringId\":\"" + o.offeringId() + "\",\"organisationId\":\""
                        + o.organisationId() + "\",\"answers\":" + o.answers() + "}"))
                .build();
    }

    /** request-service refuses an order (422) until its replica has seen offering, organisation and relationship. */
    static void firstRequest(Suite s, String token, Offering o) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            HttpResponse<String> r = s.http.send(order(s, token, o), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return;
            }
            if (r.statusCode() != 422 || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("request-service never accepted an order of " + o.label() + ": "
                        + r.statusCode() + " " + r.body());
            }
            Thread.sleep(200);
        }
    }

    // ------------------------------------------------------------------ the measurement

    /**
     * {@code n} orders {@link #CONNECTIONS} at a time ({@code rate} 0), or {@code rate}/s for {@code d}; each POST's
     * latency, and per created request the time from sending it to its {@code ServiceRequestSubmitted}.
     */
    static Row measure(Suite s, String token, Offering o, String mode, int n, double rate, Duration d, StringBuilder raw)
            throws Exception {
        awaitOutboxEmpty(s, Duration.ofSeconds(s.quick ? 60 : 300));
        int total = rate > 0 ? (int) Math.max(1, Math.round(rate * d.toSeconds())) : n;
        AtomicLongArray sentNanos = new AtomicLongArray(total);
        AtomicLongArray sentMillis = new AtomicLongArray(total);
        Map<String, Integer> byRequest = new ConcurrentHashMap<>();
        Map<String, long[]> seen = new ConcurrentHashMap<>(); // requestId -> {read nanoTime, record timestamp}
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        IntFunction<HttpRequest> request = i -> {
            sentNanos.set(i, System.nanoTime());
            sentMillis.set(i, System.currentTimeMillis());
            return order(s, token, o);
        };
        Latency post;
        try (TopicTail tail = new TopicTail(s.stack.kafkaBootstrapServers(), REQUEST_TOPIC, ".ServiceRequestSubmitted",
                (r, now) -> seen.put(r.key(), new long[] { now, r.timestamp() }))) {
            System.out.printf("    %s, %s: %s%n", o.label(), mode, rate > 0 ? Report.rate(rate) + " requests/s for "
                    + d.toSeconds() + " s" : n + " requests, " + CONNECTIONS + " at a time");
            if (rate > 0) {
                post = OpenLoad.run(s.http, rate, d, request, (i, r, arrived) -> answered(i, r, byRequest, statuses));
            } else {
                Histogram latencies = new ConcurrentHistogram(3_600_000_000L, 3);
                Semaphore slots = new Semaphore(CONNECTIONS);
                long began = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    slots.acquire();
                    int k = i;
                    s.http.sendAsync(request.apply(k), HttpResponse.BodyHandlers.ofString()).whenComplete((answer, e) -> {
                        latencies.recordValue(Math.max(1, (System.nanoTime() - sentNanos.get(k)) / 1000));
                        if (e != null) {
                            statuses.merge(-1, 1, Integer::sum);
                        } else {
                            answered(k, answer, byRequest, statuses);
                        }
                        slots.release();
                    });
                }
                slots.acquire(CONNECTIONS);
                double seconds = (System.nanoTime() - began) / 1e9;
                post = Latency.of(latencies, total - statuses.getOrDefault(201, 0), seconds);
            }
            ProblemManagement.await(() -> seen.keySet().containsAll(byRequest.keySet()), Duration.ofSeconds(s.quick ? 60 : 300),
                    o.label() + ", " + mode + ": every ServiceRequestSubmitted");
        }
        Histogram toEvent = Latency.histogram();
        Histogram share = Latency.histogram();
        for (Map.Entry<String, Integer> e : byRequest.entrySet()) {
            long[] event = seen.get(e.getKey());
            int i = e.getValue();
            toEvent.recordValue(Math.max(1, (event[0] - sentNanos.get(i)) / 1000));
            share.recordValue(Math.max(1, (event[1] - sentMillis.get(i)) * 1000));
        }
        long created = statuses.getOrDefault(201, 0);
        raw.append(o.label()).append(", ").append(mode).append(": POSTs by status ").append(statuses).append(", ")
                .append(post).append("; submit→event µs p50/p99/max ").append(toEvent.getValueAtPercentile(50))
                .append('/').append(toEvent.getValueAtPercentile(99)).append('/').append(toEvent.getMaxValue())
                .append(", share µs p50/p99 ").append(share.getValueAtPercentile(50)).append('/')
                .append(share.getValueAtPercentile(99)).append('\n');
        return new Row(o.label(), mode, created, total - created, created / post.seconds(), post, toEvent, share);
    }

    private static void answered(int i, HttpResponse<String> r, Map<String, Integer> byRequest,
            Map<Integer, Integer> statuses) {
        statuses.merge(r.statusCode(), 1, Integer::sum);
        if (r.statusCode() == 201) {
            String location = r.headers().firstValue("Location").orElse("");
            byRequest.put(location.substring(location.lastIndexOf('/') + 1), i);
        }
    }

    /** Waits until request-service's outbox is empty: one measurement's backlog is not the next one's. */
    static void awaitOutboxEmpty(Suite s, Duration max) throws Exception {
        try (Connection db = s.db("itsm_request")) {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                if (Suite.count(db, "select count(*) from outbox_event where published_at is null") == 0) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        System.out.println("    (request-service's outbox was still not empty after " + max.toSeconds() + " s; going on)");
    }

    private static String ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? "–" : Report.ms(micros.getValueAtPercentile(percentile) / 1000.0);
    }
}
