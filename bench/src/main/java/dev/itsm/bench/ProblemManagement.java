package dev.itsm.bench;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Table 8: problem-service (issue #19) in the running suite, through the gateway. (a) Recurrence
 * detection: incidents opened through the API, spread round-robin over CIs that each depend on one
 * of a few shared database CIs, so that every CI becomes a candidate at its third incident (and the
 * shared CIs and the service become UPSTREAM_CI / SERVICE candidates); reported: incidents/s at the
 * gateway and the time from the third incident on a CI to its {@code ProblemCandidateDetected} on
 * {@code itsm.problem.events} — once with the write path saturated (a burst), once at a moderate
 * fixed rate. (b) Known-error search: about a thousand known errors made through the API (problem,
 * analysis, root cause, known error: four requests each), then {@code GET
 * /api/v1/problems/known-errors?q=} at a fixed rate (open loop, latency from each request's due
 * time), next to the filter and newest-first lists of the same endpoint and to the full-text query
 * run directly on PostgreSQL (the floor any API over this table pays). Detection over 100,000
 * incidents is measured in-process by problem-service's own benchmark ({@code bench/run.sh --only
 * problem} runs it too): opening 100,000 incidents through the API on two cores would take the
 * whole run.
 */
final class ProblemManagement {

    static final String SERVICE = "problem-service";
    static final String PROBLEM_TOPIC = "itsm.problem.events";
    static final String INCIDENT_TOPIC = "itsm.incident.events";
    /** Shared (upstream) database CIs the application CIs depend on. */
    static final int UPSTREAM_CIS = 10;
    static final int CONNECTIONS = 16;
    /** problem-service's consumer group ({@code itsm-<service>-service}, the platform's EventConsumer). */
    static final String GROUP = "itsm-problem-service";

    private ProblemManagement() {
    }

    static void run(Suite s, Report report) throws Exception {
        if (!s.stack.has(SERVICE)) {
            throw new IllegalStateException(SERVICE + " is not part of the stack (deploy's Component list)");
        }
        StringBuilder raw = new StringBuilder();
        try {
            // in the full run the earlier sections opened their incidents on one service: problem-service runs each
            // through detection too (its SERVICE group grows with them), so say how far behind it was and wait for it
            long backlog;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.stack.kafkaBootstrapServers()))) {
                backlog = lag(admin, GROUP, INCIDENT_TOPIC);
            }
            long caughtUp = System.nanoTime();
            awaitProblemServiceQuiet(s, Duration.ofSeconds(s.quick ? 120 : 600));
            double catchUpSeconds = (System.nanoTime() - caughtUp) / 1e9;
            raw.append("problem-service's backlog on ").append(INCIDENT_TOPIC).append(" at the start: ").append(backlog)
                    .append(" records, caught up after ").append(catchUpSeconds).append(" s\n");
            String serviceId = liveService(s, "bench-problems");
            int perCi = 10;
            int burstCis = s.quick ? 30 : 200;
            int pacedCis = s.quick ? 10 : 60;
            double pacedRate = s.quick ? 10 : 20;
            List<String> upstream = cis(s, "bench-db", UPSTREAM_CIS, List.of());
            List<String> burstApps = cis(s, "bench-app", burstCis, upstream);
            List<String> pacedApps = cis(s, "bench-svc", pacedCis, upstream);
            awaitIncidentServiceKnows(s, serviceId, concat(burstApps, pacedApps));
            warmUp(s, serviceId, cis(s, "bench-warm", s.quick ? 5 : 20, List.of()), perCi, raw);

            Detection burst = detection(s, "burst", serviceId, burstApps, perCi, 0, raw);
            Detection paced = detection(s, "paced", serviceId, pacedApps, perCi, pacedRate, raw);

            int knownErrors = s.quick ? 200 : 1000;
            long made = System.nanoTime();
            List<String> ciForKnownErrors = concat(burstApps, pacedApps);
            int published = knownErrors(s, serviceId, ciForKnownErrors, knownErrors, raw);
            double makeSeconds = (System.nanoTime() - made) / 1e9;
            Search search = search(s, ciForKnownErrors.get(0), raw);

            report.heading("8. Problem management: recurrence detection and the known-error database")
                    .text("Through the gateway on the running suite. (a) Incidents opened on a LIVE service, round-robin over "
                            + "application CIs that each depend on one of " + UPSTREAM_CIS + " shared database CIs (catalogue "
                            + "relations, replicated by problem-service), " + perCi + " incidents per CI: each CI becomes a `CI` "
                            + "candidate at its third incident (thresholds: CI 3, SERVICE 5, UPSTREAM_CI 3, window 7 days), "
                            + "the database CIs `UPSTREAM_CI` candidates and the service a `SERVICE` candidate, and every later "
                            + "incident joins them. Detection time: from the 201 answer to the third incident on a CI to a plain "
                            + "Kafka consumer in the bench process receiving that CI's `ProblemCandidateDetected`; problem-service's "
                            + "share: that record's Kafka timestamp minus the timestamp of the third incident's `IncidentOpened` "
                            + "(consume, detect, commit, relay; whole milliseconds). Burst: " + CONNECTIONS + " requests at a time "
                            + "(the write path saturated, so detection queues behind it); paced: a fixed rate (open loop). "
                            + "(b) " + Report.count(published) + " known errors made through the API (" + Report.seconds(makeSeconds)
                            + " for " + Report.count(4L * knownErrors) + " requests: create, start-analysis, record-root-cause, "
                            + "publish-known-error), texts from a small vocabulary (20 components × 10 failures × 5 workarounds), so "
                            + "that a query matches from none to a fifth of them (counted in the table); then "
                            + "each query at " + Report.rate(SEARCH_RATE) + " requests/s for " + search.seconds() + " s (open loop, "
                            + "latency from each request's due time); reference: each full-text query as problem-service sends it "
                            + "(`websearch_to_tsquery`, ranked by `ts_rank`, 50 rows) straight on PostgreSQL by JDBC, one "
                            + "connection, back to back for 5 s. Detection over 100,000 incidents is "
                            + "problem-service's in-process benchmark (`bench/run.sh --only problem` runs it; "
                            + "`bench/raw/problem/detection-benchmark.txt`). When the section began, problem-service had "
                            + Report.count(backlog) + " incident events of the earlier sections still to handle (caught up "
                            + "after " + Report.seconds(catchUpSeconds) + "); each measurement waits until it has none.");
            Report.Table a = report.table("(a) detection", "incidents (201)", "errors", "incidents/s", "CI candidates",
                    "all candidates", "detection p50 ms", "p99 ms", "max ms", "problem-service share p50 ms", "p99 ms");
            for (Detection d : List.of(burst, paced)) {
                a.row(d.label(), Report.count(d.created()), Report.count(d.errors()), Report.rate(d.rate()),
                        Report.count(d.detected().getTotalCount()) + " of " + d.cis(), Report.count(d.candidates()),
                        ms(d.detected(), 50), ms(d.detected(), 99), ms(d.detected(), 100), ms(d.share(), 50), ms(d.share(), 99));
            }
            a.end();
            Report.Table b = report.table("(b) known errors, " + Report.count(published), "matching", "items (first page)",
                    "requests", "errors", "p50 ms", "p99 ms", "mean ms");
            for (SearchRow r : search.rows()) {
                b.row(r.label(), Report.count(r.matching()), Report.count(r.items()), Report.count(r.latency().requests()),
                        Report.count(r.latency().errors()), Report.ms(r.latency().p50()), Report.ms(r.latency().p99()),
                        Report.ms(r.latency().mean()));
            }
            b.end();
        } finally {
            Files.writeString(s.raw.resolve("problem-management.txt"), raw.toString());
        }
    }

    // ------------------------------------------------------------------ set-up through the catalogue

    static String liveService(Suite s, String prefix) throws Exception {
        String key = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = s.call(s.post(s.gateway() + "/api/v1/catalog/services", "{\"key\":\"" + key
                + "\",\"name\":\"Problem bench " + key + "\",\"type\":\"BUSINESS\",\"owner\":\"ops-team\",\"utility\":\"Has problems\"}"),
                201).get("id").asText();
        s.call(s.post(s.gateway() + "/api/v1/catalog/services/" + id + "/go-live", ""), 200);
        return id;
    }

    /** {@code n} CIs, each depending on one of {@code dependsOn} (round-robin), if any. */
    static List<String> cis(Suite s, String prefix, int n, List<String> dependsOn) throws Exception {
        List<String> ids = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < n; i++) {
            String id = s.call(s.post(s.gateway() + "/api/v1/catalog/cis", "{\"name\":\"" + prefix + "-" + run + "-" + i
                    + "\",\"ciClass\":\"" + (dependsOn.isEmpty() ? "database" : "application") + "\",\"environment\":\"production\"}"),
                    201).get("id").asText();
            if (!dependsOn.isEmpty()) {
                s.call(s.post(s.gateway() + "/api/v1/catalog/cis/" + id + "/relations", "{\"relation\":\"depends_on\","
                        + "\"targetType\":\"CI\",\"targetId\":\"" + dependsOn.get(i % dependsOn.size()) + "\"}"), 201);
            }
            ids.add(id);
        }
        return ids;
    }

    /** incident-service refuses an incident on a CI its catalogue replica has not seen: wait for all of them. */
    static void awaitIncidentServiceKnows(Suite s, String serviceId, List<String> cis) throws Exception {
        String list = "'" + String.join("','", cis) + "'";
        try (Connection db = s.db("itsm_incident")) {
            await(() -> Suite.count(db, "select count(*) from catalog_ci where ci_id in (" + list + ")") == cis.size()
                    && Suite.count(db, "select count(*) from catalog_service where service_id = '" + serviceId
                            + "' and status = 'LIVE'") == 1, Duration.ofSeconds(120), "incident-service knows the CIs");
        }
    }

    /**
     * Waits until problem-service's consumer group has read {@code itsm.incident.events} to its end and
     * its outbox is empty: one measurement's backlog is not the next one's. (Its incident replica cannot be
     * compared with incident-service's table: the read-path section loads incidents there by SQL, without events.)
     */
    static void awaitProblemServiceQuiet(Suite s, Duration max) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.stack.kafkaBootstrapServers()));
                Connection problem = s.db("itsm_problem")) {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                long pending = Suite.count(problem, "select count(*) from outbox_event where published_at is null");
                if (pending == 0 && lag(admin, GROUP, INCIDENT_TOPIC) == 0) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        System.out.println("    (problem-service was still busy after " + max.toSeconds() + " s; going on)");
    }

    /** Records of {@code topic} that consumer group {@code group} has not committed yet. */
    static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    static String incidentBody(String serviceId, String ciId, int n) {
        return "{\"title\":\"Login page times out (" + n + ")\",\"description\":\"The login page of the portal times out "
                + "after 30 s\",\"caller\":\"jane.doe@example.com\",\"serviceId\":\"" + serviceId + "\",\"ciId\":\"" + ciId
                + "\",\"category\":\"software\",\"impact\":\"MEDIUM\",\"urgency\":\"MEDIUM\"}";
    }

    /** Untimed: problem-service's consumer, detector and relay (JIT, pools) warmed like the other sections' warm-ups. */
    static void warmUp(Suite s, String serviceId, List<String> cis, int perCi, StringBuilder raw) throws Exception {
        awaitIncidentServiceKnows(s, serviceId, cis);
        System.out.println("    warm-up: " + cis.size() * perCi + " incidents");
        detection(s, "warm-up", serviceId, cis, perCi, 0, raw); // its own lines in raw say what it did
    }

    // ------------------------------------------------------------------ (a) detection

    record Detection(String label, int cis, long created, long errors, double rate, Histogram detected, Histogram share,
            long candidates) {
    }

    /** When and as what the third incident on a CI was answered. */
    record Third(String incidentId, long answeredNanos) {
    }

    /**
     * Opens {@code cis.size() × perCi} incidents, incident {@code i} on CI {@code i mod cis}: the third
     * incident of every CI is sent after the first two of all CIs were answered (as long as there are
     * more CIs than requests in flight), so "the third" is well defined. {@code rate} 0 = a burst.
     */
    static Detection detection(Suite s, String label, String serviceId, List<String> cis, int perCi, double rate,
            StringBuilder raw) throws Exception {
        awaitProblemServiceQuiet(s, Duration.ofSeconds(s.quick ? 60 : 300));
        Map<String, Integer> ciIndex = new ConcurrentHashMap<>();
        for (int i = 0; i < cis.size(); i++) {
            ciIndex.put(cis.get(i), i);
        }
        int n = cis.size() * perCi;
        AtomicReferenceArray<Third> third = new AtomicReferenceArray<>(cis.size());
        AtomicIntegerArray firstThree = new AtomicIntegerArray(cis.size());
        AtomicLongArray detectedNanos = new AtomicLongArray(cis.size());
        AtomicLongArray detectedTimestamp = new AtomicLongArray(cis.size());
        Map<String, Long> openedTimestamp = new ConcurrentHashMap<>();
        AtomicInteger candidates = new AtomicInteger();
        AtomicInteger ciCandidates = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        AtomicReference<Double> seconds = new AtomicReference<>();
        try (TopicTail detected = new TopicTail(s.stack.kafkaBootstrapServers(), PROBLEM_TOPIC, ".ProblemCandidateDetected",
                (r, now) -> {
                    JsonNode payload = json(r.value());
                    Integer ci = ciIndex.get(payload.path("keyId").asText());
                    candidates.incrementAndGet(); // the stack does nothing else meanwhile: CI, UPSTREAM_CI and SERVICE ones
                    if (ci != null && "CI".equals(payload.path("kind").asText())) {
                        detectedTimestamp.set(ci, r.timestamp());
                        detectedNanos.set(ci, now);
                        ciCandidates.incrementAndGet();
                    }
                });
                TopicTail opened = new TopicTail(s.stack.kafkaBootstrapServers(), INCIDENT_TOPIC, ".IncidentOpened",
                        (r, now) -> openedTimestamp.put(r.key(), r.timestamp()))) {
            System.out.printf("    %s: %d incidents on %d CIs%s%n", label, n, cis.size(),
                    rate > 0 ? " at " + Report.rate(rate) + "/s" : ", " + CONNECTIONS + " at a time");
            long began = System.nanoTime();
            if (rate > 0) {
                Latency posts = OpenLoad.run(s.http, rate, Duration.ofSeconds(Math.round(n / rate)),
                        i -> s.post(s.gateway() + "/api/v1/incidents", incidentBody(serviceId, cis.get(i % cis.size()), i)),
                        (i, r, arrived) -> answered(i, r, arrived, cis.size(), third, firstThree, statuses));
                raw.append(label).append(" POSTs: ").append(posts).append('\n');
            } else {
                Semaphore slots = new Semaphore(CONNECTIONS);
                for (int i = 0; i < n; i++) {
                    slots.acquire();
                    int k = i;
                    s.http.sendAsync(s.post(s.gateway() + "/api/v1/incidents", incidentBody(serviceId, cis.get(k % cis.size()), k)),
                            HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                                if (e != null) {
                                    statuses.merge(-1, 1, Integer::sum);
                                } else {
                                    answered(k, r, System.nanoTime(), cis.size(), third, firstThree, statuses);
                                }
                                slots.release();
                            });
                }
                slots.acquire(CONNECTIONS);
            }
            seconds.set((System.nanoTime() - began) / 1e9);
            await(() -> ciCandidates.get() >= countThirds(firstThree), Duration.ofSeconds(s.quick ? 120 : 600),
                    label + ": every CI's ProblemCandidateDetected");
            raw.append(label).append(": all CI candidates after ").append((System.nanoTime() - began) / 1e9).append(" s\n");
        }
        Histogram toDetected = Latency.histogram();
        Histogram share = Latency.histogram();
        for (int i = 0; i < cis.size(); i++) {
            Third t = third.get(i);
            if (t == null || detectedNanos.get(i) == 0) {
                continue;
            }
            toDetected.recordValue(Math.max(1, (detectedNanos.get(i) - t.answeredNanos()) / 1000));
            Long openedTs = openedTimestamp.get(t.incidentId());
            if (openedTs != null) {
                share.recordValue(Math.max(1, (detectedTimestamp.get(i) - openedTs) * 1000));
            }
        }
        long created = statuses.getOrDefault(201, 0);
        long errors = n - created;
        raw.append(label).append(": POSTs by status ").append(statuses).append(", ").append(seconds.get()).append(" s; ")
                .append("detection µs p50/p99/max ").append(toDetected.getValueAtPercentile(50)).append('/')
                .append(toDetected.getValueAtPercentile(99)).append('/').append(toDetected.getMaxValue())
                .append(", share µs p50/p99 ").append(share.getValueAtPercentile(50)).append('/')
                .append(share.getValueAtPercentile(99)).append(", candidates ").append(candidates.get()).append('\n');
        return new Detection(label, cis.size(), created, errors, created / seconds.get(), toDetected, share, candidates.get());
    }

    private static void answered(int i, HttpResponse<String> r, long arrived, int cis, AtomicReferenceArray<Third> third,
            AtomicIntegerArray firstThree, Map<Integer, Integer> statuses) {
        statuses.merge(r.statusCode(), 1, Integer::sum);
        if (r.statusCode() == 201 && i / cis < 3) {
            firstThree.incrementAndGet(i % cis);
        }
        if (r.statusCode() == 201 && i / cis == 2) {
            String location = r.headers().firstValue("Location").orElseThrow();
            third.set(i % cis, new Third(location.substring(location.lastIndexOf('/') + 1), arrived));
        }
    }

    /** CIs whose first three incidents were all created: each has a candidate to wait for. */
    private static long countThirds(AtomicIntegerArray firstThree) {
        long n = 0;
        for (int i = 0; i < firstThree.length(); i++) {
            if (firstThree.get(i) == 3) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ (b) known errors

    static final String[] COMPONENTS = { "authentication pool", "TLS certificate", "disk volume", "DNS resolver",
            "message queue", "session cache", "VPN tunnel", "print spooler", "LDAP directory", "backup job",
            "payment gateway", "search index", "mail relay", "load balancer", "report scheduler", "file share",
            "database replica", "container registry", "license server", "time server" };
    static final String[] FAILURES = { "is exhausted", "has expired", "runs full", "times out", "stops responding",
            "drops connections", "rejects logins", "returns stale data", "crashes under load", "leaks memory" };
    static final String[] WORKAROUNDS = { "Restart the %s service", "Fail over to the standby %s",
            "Clear the %s and retry", "Raise the %s limits for the day", "Route around the %s by hand" };

    /** {@code n} problems taken to KNOWN_ERROR through the API, {@link #CONNECTIONS} at a time; returns how many made it. */
    static int knownErrors(Suite s, String serviceId, List<String> cis, int n, StringBuilder raw) throws Exception {
        System.out.println("    known errors: " + n + " through the API");
        Semaphore slots = new Semaphore(CONNECTIONS);
        AtomicInteger made = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentSkipListMap<>();
        Random random = new Random(19);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        for (int i = 0; i < n; i++) {
            String component = COMPONENTS[random.nextInt(COMPONENTS.length)];
            String failure = FAILURES[random.nextInt(FAILURES.length)];
            String workaround = WORKAROUNDS[random.nextInt(WORKAROUNDS.length)].formatted(component);
            String ci = cis.get(random.nextInt(cis.size()));
            int k = i;
            slots.acquire();
            pool.execute(() -> {
                try {
                    knownError(s, serviceId, ci, "The " + component + " " + failure + " (" + k + ")",
                            "Users see errors when the " + component + " " + failure + "; host bench-" + k,
                            workaround + "; then check the " + component + " dashboard");
                    made.incrementAndGet();
                } catch (Exception e) {
                    failures.merge(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""), 1,
                            Integer::sum);
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquire(CONNECTIONS);
        pool.shutdown();
        raw.append("known errors made: ").append(made.get()).append(" of ").append(n).append(", failures ").append(failures)
                .append('\n');
        return made.get();
    }

    static void knownError(Suite s, String serviceId, String ci, String title, String symptoms, String workaround)
            throws Exception {
        String base = s.gateway() + "/api/v1/problems";
        String id = s.call(s.post(base, "{\"title\":" + quote(title) + ",\"description\":" + quote(symptoms)
                + ",\"serviceIds\":[\"" + serviceId + "\"],\"ciIds\":[\"" + ci + "\"],\"impact\":\"MEDIUM\",\"urgency\":\"LOW\"}"),
                201).get("id").asText();
        s.call(s.post(base + "/" + id + "/start-analysis", ""), 200);
        s.call(s.post(base + "/" + id + "/record-root-cause", "{\"category\":\"capacity\",\"analysis\":"
                + quote("Found while benchmarking: " + title) + "}"), 200);
        s.call(s.post(base + "/" + id + "/publish-known-error", "{\"title\":" + quote(title) + ",\"symptoms\":" + quote(symptoms)
                + ",\"workaround\":" + quote(workaround) + "}"), 200);
    }

    static final double SEARCH_RATE = 50;

    record SearchRow(String label, long matching, long items, Latency latency) {
    }

    record Search(long seconds, List<SearchRow> rows) {
    }

    /** One search of the table: its label, its query string, and the SQL condition that counts what it matches. */
    record Query(String label, String query, String where) {
    }

    /** Each query at {@link #SEARCH_RATE}/s, open loop; then the full-text query straight on PostgreSQL. */
    static Search search(Suite s, String ciId, StringBuilder raw) throws Exception {
        awaitProblemServiceQuiet(s, Duration.ofSeconds(s.quick ? 60 : 300));
        Duration d = s.seconds(20, 5);
        String base = s.gateway() + "/api/v1/problems/known-errors";
        List<Query> queries = List.of(
                new Query("q=certificate (one term)", "?q=certificate", fullText("certificate")),
                new Query("q=certificate expired (two terms)", "?q=" + enc("certificate expired"), fullText("certificate expired")),
                new Query("q=restart (a common term)", "?q=restart", fullText("restart")),
                new Query("q=\"session cache\" (a phrase)", "?q=" + enc("\"session cache\""), fullText("\"session cache\"")),
                new Query("q=zzyzxquux (no hit)", "?q=zzyzxquux", fullText("zzyzxquux")),
                new Query("ciId=… (filter, no q)", "?ciId=" + ciId, "ci_ids @> array['" + ciId + "']::uuid[]"),
                new Query("no filter, newest first", "", "true"));
        List<SearchRow> rows = new ArrayList<>();
        List<SearchRow> references = new ArrayList<>();
        try (Connection db = s.db("itsm_problem")) {
            for (Query q : queries) {
                long matching = Suite.count(db, "select count(*) from known_error where " + q.where());
                long items = s.call(s.get(base + q.query()), 200).path("items").size();
                Latency l = OpenLoad.run(s.http, SEARCH_RATE, d, i -> s.get(base + q.query()), null);
                raw.append("(b) ").append(q.label()).append(": ").append(matching).append(" match, ").append(items)
                        .append(" items, ").append(l).append('\n');
                rows.add(new SearchRow("API " + q.label(), matching, items, l));
                if (q.label().startsWith("q=")) {
                    references.add(reference(db, q, matching, Duration.ofSeconds(5), raw));
                }
            }
        }
        rows.addAll(references);
        return new Search(d.toSeconds(), rows);
    }

    /**
     * The full-text query KnownErrorQueries sends for {@code q} (web-search syntax, ranked by {@code ts_rank}, a page of
     * 50), run straight on PostgreSQL by JDBC, back to back on one connection: the floor of the API's answer.
     */
    static SearchRow reference(Connection db, Query q, long matching, Duration d, StringBuilder raw) throws Exception {
        String text = java.net.URLDecoder.decode(q.query().substring("?q=".length()), StandardCharsets.UTF_8);
        try (PreparedStatement st = db.prepareStatement("select *, ts_rank(search, q) as rank from known_error, "
                + "websearch_to_tsquery('english', ?) q where search @@ q order by rank desc, id limit 50")) {
            st.setString(1, text);
            Histogram micros = Latency.histogram();
            long items = 0;
            long began = System.nanoTime();
            long end = began + d.toNanos();
            while (System.nanoTime() < end) {
                long t = System.nanoTime();
                long read = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        read++;
                    }
                }
                micros.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
                items = read;
            }
            Latency l = Latency.of(micros, 0, (System.nanoTime() - began) / 1e9);
            raw.append("(b) JDBC reference ").append(q.label()).append(": ").append(items).append(" rows, ").append(l).append('\n');
            return new SearchRow("PostgreSQL by JDBC (reference), " + q.label(), matching, items, l);
        }
    }

    static String fullText(String q) {
        return "search @@ websearch_to_tsquery('english', '" + q.replace("'", "''") + "')";
    }

    // ------------------------------------------------------------------ helpers

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        try {
            return Suite.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode json(String value) {
        try {
            return Suite.JSON.readTree(value);
        } catch (Exception e) {
            return Suite.JSON.createObjectNode();
        }
    }

    private static String ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? "–" : Report.ms(micros.getValueAtPercentile(percentile) / 1000.0);
    }

    interface Condition {
        boolean met() throws Exception;
    }

    static void await(Condition condition, Duration max, String what) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not within " + max.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
