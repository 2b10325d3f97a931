package dev.itsm.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Table 10: monitoring-service (issue #20) in the running suite, through the gateway, as Prometheus Alertmanager
 * drives it: {@code POST /api/v1/monitoring/alertmanager} with real v4 webhook bodies (fingerprints as Alertmanager
 * computes them, {@code endsAt 0001-01-01T00:00:00Z} while firing) and a token of role {@code itsm-event-source}.
 * (a) Webhooks of {@value #ALERTS_PER_WEBHOOK} alerts, 95 % of them repeats of standing alerts (one alert in
 * {@value #NEW_EVERY} is new), on hosts that each serve a LIVE service: accepted alerts/s and latency per webhook,
 * saturated (closed loop) and at the target rate (open loop), and how long monitoring-service then took to work off
 * its intake queue. (b) From sending an alert on a healthy CI to its {@code AlertGroupOpened} on
 * {@code itsm.monitoring.events} and to incident-service's {@code IncidentOpened} on {@code itsm.incident.events}.
 * (c) The storm: 10,000 distinct alerts on one failing database CI and the application CIs depending on it — they
 * must open exactly one alert group and exactly one incident (counted by the group's id, and printed).
 */
final class Monitoring {

    static final String SERVICE = "monitoring-service";
    static final String WEBHOOK = "/api/v1/monitoring/alertmanager";
    static final String MONITORING_TOPIC = "itsm.monitoring.events";
    static final String INCIDENT_TOPIC = "itsm.incident.events";
    /** The consumer groups ({@code itsm-<service>-service}, the platform's EventConsumer). */
    static final String MONITORING_GROUP = "itsm-monitoring-service";
    static final String INCIDENT_GROUP = "itsm-incident-service";
    static final int CONNECTIONS = 16;
    static final int ALERTS_PER_WEBHOOK = 50;
    /** One alert in this many is new, the others repeat standing alerts: 95 % repeats. */
    static final int NEW_EVERY = 20;
    static final int LOAD_HOSTS = 10;
    static final int STANDING_ALERTS_PER_HOST = 20;
    static final int STORM_DEPENDENTS = 20;
    static final double TARGET_ALERTS_PER_SECOND = 5000;
    static final double TARGET_P99_MS = 50;
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private Monitoring() {
    }

    /** One alert as Prometheus fires it: its labels (fingerprinted) and when it started. */
    record Alert(Map<String, String> labels, String summary, Instant startsAt) {
    }

    record Load(String label, long webhooks, long errors, long accepted, double seconds, Latency latency, double drainSeconds) {

        double alertsPerSecond() {
            return seconds <= 0 ? 0 : accepted / seconds;
        }
    }

    record Storm(int alerts, int cis, Load load, Set<String> groups, Map<String, Integer> incidentsByGroup, double toIncidentMs,
            double processedSeconds) {
    }

    static void run(Suite s, Report report) throws Exception {
        if (!s.stack.has(SERVICE)) {
            throw new IllegalStateException(SERVICE + " is not part of the stack (deploy's Component list)");
        }
        StringBuilder raw = new StringBuilder();
        try {
            String run = UUID.randomUUID().toString().substring(0, 6);
            String job = "bench-" + run;
            String eventSource = s.stack.tokens().token("bench-alertmanager", Set.of("itsm-event-source"), Duration.ofHours(6));
            String serviceA = ProblemManagement.liveService(s, "bench-mon-a");
            String serviceB = ProblemManagement.liveService(s, "bench-mon-b");
            List<String> loadHosts = new ArrayList<>();
            List<String> firstHosts = new ArrayList<>();
            int samples = s.quick ? 3 : 10;
            for (int i = 0; i < LOAD_HOSTS; i++) {
                String name = "load-host-" + run + "-" + i;
                relate(s, ci(s, name, "server"), "hosts", "SERVICE", serviceA);
                loadHosts.add(name);
            }
            for (int i = 0; i < samples; i++) {
                String name = "first-host-" + run + "-" + i;
                relate(s, ci(s, name, "server"), "hosts", "SERVICE", serviceB);
                firstHosts.add(name);
            }
            String stormDb = "storm-db-" + run;
            String stormDbId = ci(s, stormDb, "database");
            Map<String, String> stormCis = new TreeMap<>(); // name -> id
            stormCis.put(stormDb, stormDbId);
            for (int i = 0; i < STORM_DEPENDENTS; i++) {
                String name = "storm-app-" + run + "-" + i;
                String id = ci(s, name, "application");
                relate(s, id, "depends_on", "CI", stormDbId);
                relate(s, id, "hosts", "SERVICE", i % 2 == 0 ? serviceA : serviceB);
                stormCis.put(name, id);
            }
            String ruleId = rule(s, job);
            raw.append("services ").append(serviceA).append(", ").append(serviceB).append("; rule ").append(ruleId)
                    .append(" (job ").append(job).append(")\n");
            long waited = System.nanoTime();
            awaitConsumed(s, MONITORING_GROUP, "itsm.catalog.events", Duration.ofSeconds(120));
            awaitConsumed(s, INCIDENT_GROUP, "itsm.catalog.events", Duration.ofSeconds(120));
            raw.append("monitoring-service and incident-service had the catalogue after ")
                    .append((System.nanoTime() - waited) / 1e9).append(" s\n");

            // (b) first alert → incident, on an idle suite, one CI at a time
            Histogram toGroup = Latency.histogram();
            Histogram toIncident = Latency.histogram();
            firstAlerts(s, eventSource, job, firstHosts, toGroup, toIncident, raw);

            // (a) 95 % repeats: the standing alerts exist (and their hosts' groups and incidents) before anything is timed
            List<Alert> standing = new ArrayList<>();
            Instant since = Instant.now().minusSeconds(600);
            for (String host : loadHosts) {
                for (int k = 0; k < STANDING_ALERTS_PER_HOST; k++) {
                    standing.add(alert("NodeSaturation" + k, host, job, "warning", "Saturation " + k + " on " + host, since, null));
                }
            }
            AtomicLong fresh = new AtomicLong();
            IntFunction<String> repeats = i -> {
                List<Alert> alerts = new ArrayList<>(ALERTS_PER_WEBHOOK);
                for (int k = 0; k < ALERTS_PER_WEBHOOK; k++) {
                    long g = (long) i * ALERTS_PER_WEBHOOK + k;
                    if (g % NEW_EVERY == 0) {
                        long n = fresh.incrementAndGet();
                        String host = loadHosts.get((int) (n % loadHosts.size()));
                        alerts.add(alert("NodeNew", host, job, "minor", "New condition " + n + " on " + host, Instant.now(),
                                Map.of("seq", run + "-" + n)));
                    } else {
                        alerts.add(standing.get((int) (g % standing.size())));
                    }
                }
                return webhook(job, alerts, null);
            };
            List<Load> loads = new ArrayList<>();
            for (int i = 0; i < standing.size(); i += ALERTS_PER_WEBHOOK) {
                post(s, eventSource, webhook(job, standing.subList(i, Math.min(standing.size(), i + ALERTS_PER_WEBHOOK)), null), 202);
            }
            awaitProcessed(s, Duration.ofSeconds(s.quick ? 60 : 300));
            int warmUp = s.quick ? 100 : 400;
            int burst = s.quick ? 300 : 2000;
            double pacedRate = TARGET_ALERTS_PER_SECOND / ALERTS_PER_WEBHOOK; // webhooks/s at the target
            Duration paced = s.seconds(60, 10);
            // warm until the JIT compilers are done, not for a count: on a slow host C2 was still compiling, in every
            // service the alerts' events reach, through the 40 s after 400 webhooks (half of their CPU, by JFR)
            Duration warmFor = s.seconds(45, 0);
            long warmUntil = System.nanoTime() + warmFor.toNanos();
            int warmUpRounds = 0;
            do {
                closedLoop(s, eventSource, "warm-up", warmUp, repeats, raw);
                warmUpRounds++;
            } while (System.nanoTime() < warmUntil);
            awaitProcessed(s, Duration.ofSeconds(s.quick ? 60 : 300));
            loads.add(closedLoop(s, eventSource, "burst, " + CONNECTIONS + " at a time", burst, repeats, raw));
            // half the saturated rate first (what this machine sustains with room to spare, as section 1 does), then the target
            double halfRate = Math.max(1, loads.get(0).alertsPerSecond() / 2 / ALERTS_PER_WEBHOOK);
            loads.add(openLoop(s, eventSource, "paced, half the burst rate: " + Report.rate(halfRate) + " webhooks/s", halfRate,
                    paced, repeats, raw));
            loads.add(openLoop(s, eventSource, "paced at the target, " + Report.rate(pacedRate) + " webhooks/s", pacedRate,
                    paced, repeats, raw));

            // (c) the storm
            Storm storm = storm(s, eventSource, job, run, stormCis, raw);

            report.heading("10. Monitoring: Alertmanager webhooks, first alert → incident, the storm")
                    .text("Through the gateway on the running suite, as Prometheus Alertmanager sends them: `POST " + WEBHOOK
                            + "` with webhook bodies of payload version 4 (group labels, common labels, `fingerprint` per alert "
                            + "computed as Alertmanager does, `endsAt` `" + ZERO_TIME + "` while firing), a bearer token of role "
                            + "`itsm-event-source`, one alert rule routing the bench's job to the CI its `instance` label names. "
                            + "(a) Webhooks of " + ALERTS_PER_WEBHOOK + " alerts, 95 % of them repeats of " + standing.size()
                            + " standing alerts on " + LOAD_HOSTS + " hosts of a LIVE service (one alert in " + NEW_EVERY
                            + " is new and joins its host's open group). Accepted alerts/s: the `accepted` counts of the 202 "
                            + "answers over the run; latency per webhook (202 after the durable write to the intake queue). "
                            + "Burst: " + CONNECTIONS + " webhooks at a time (closed loop, the saturated rate); paced (open loop, "
                            + "latency from each webhook's due time): half the burst's rate, then the target rate. Queue drained: from the last answer to "
                            + "monitoring-service's intake queue (table `intake_alert`) being empty and its "
                            + "outbox published. Warm-up: rounds of " + Report.count(warmUp) + " webhooks for at least " + warmFor.toSeconds()
                            + " s (" + warmUpRounds + " rounds here), untimed. Targets (issue #20): "
                            + "≥ " + Report.count((long) TARGET_ALERTS_PER_SECOND) + " accepted alerts/s, p99 ≤ "
                            + Report.ms(TARGET_P99_MS) + " ms per webhook.");
            Report.Table a = report.table("(a) webhooks", "webhooks (202)", "errors", "alerts accepted", "alerts/s",
                    "target alerts/s", "p50 ms", "p99 ms", "target p99 ms", "p99.9 ms", "queue drained after");
            for (Load l : List.of(loads.get(0), loads.get(1), loads.get(2), storm.load())) {
                a.row(l.label(), Report.count(l.webhooks()), Report.count(l.errors()), Report.count(l.accepted()),
                        Report.rate(l.alertsPerSecond()), "≥ " + Report.count((long) TARGET_ALERTS_PER_SECOND),
                        Report.ms(l.latency().p50()), Report.ms(l.latency().p99()), "≤ " + Report.ms(TARGET_P99_MS),
                        Report.ms(l.latency().p999()), Report.seconds(l.drainSeconds()));
            }
            a.end();
            report.text("(b) First alert → incident: one alert at a time on a healthy host (no open group), from sending "
                    + "the webhook to a plain Kafka consumer in the bench process reading the new group's `AlertGroupOpened` "
                    + "on `" + MONITORING_TOPIC + "` (intake, the processor's next round — `monitoring.processing.every` —, correlation, outbox) and incident-service's "
                    + "`IncidentOpened` for it on `" + INCIDENT_TOPIC + "`; the storm's row: its first webhook to the first "
                    + "`IncidentOpened` on one of its CIs, while the storm is still being sent.");
            report.table("(b) first alert →", "samples", "p50 ms", "p99 ms", "max ms")
                    .row("AlertGroupOpened", Report.count(toGroup.getTotalCount()), ms(toGroup, 50), ms(toGroup, 99), ms(toGroup, 100))
                    .row("IncidentOpened", Report.count(toIncident.getTotalCount()), ms(toIncident, 50), ms(toIncident, 99),
                            ms(toIncident, 100))
                    .row("IncidentOpened, in the storm", "1", Report.ms(storm.toIncidentMs()), "–", "–")
                    .end();
            report.text("(c) The storm: " + Report.count(storm.alerts()) + " distinct alerts (7 alert names, a `series` label "
                    + "each) over " + storm.cis() + " CIs — one database and " + STORM_DEPENDENTS + " applications that "
                    + "`depends_on` it, serving two services — in webhooks of " + ALERTS_PER_WEBHOOK + ", " + CONNECTIONS
                    + " at a time. Processed: from the first webhook to the intake queue empty and every event published. "
                    + "Then the alert groups rooted at any of those CIs, and the incidents of each (`GET /api/v1/incidents"
                    + "?source=MONITORING&alertGroupId=…`), once incident-service has read `" + MONITORING_TOPIC + "` to its end. "
                    + "Must be exactly one group and exactly one incident.");
            Report.Table c = report.table("(c) storm", "alerts", "alerts/s accepted", "processed after", "alert groups",
                    "alert group id", "incidents with that alertGroupId");
            for (String group : storm.groups().isEmpty() ? Set.of("–") : storm.groups()) {
                c.row(storm.groups().size() == 1 ? "exactly one group" : "GROUPS: " + storm.groups().size(),
                        Report.count(storm.alerts()), Report.rate(storm.load().alertsPerSecond()),
                        Report.seconds(storm.processedSeconds()), Report.count(storm.groups().size()) + " (must be 1)", group,
                        storm.incidentsByGroup().getOrDefault(group, 0) + " (must be 1)");
            }
            c.end();
        } finally {
            Files.writeString(s.raw.resolve("monitoring.txt"), raw.toString());
        }
    }

    // ------------------------------------------------------------------ set-up through the catalogue

    static String ci(Suite s, String name, String ciClass) throws Exception {
        return s.call(s.post(s.gateway() + "/api/v1/catalog/cis", "{\"name\":\"" + name + "\",\"ciClass\":\"" + ciClass
                + "\",\"environment\":\"production\"}"), 201).get("id").asText();
    }

    static void relate(Suite s, String ciId, String relation, String targetType, String targetId) throws Exception {
        s.call(s.post(s.gateway() + "/api/v1/catalog/cis/" + ciId + "/relations", "{\"relation\":\"" + relation
                + "\",\"targetType\":\"" + targetType + "\",\"targetId\":\"" + targetId + "\"}"), 201);
    }

    /** The bench's alert rule (as the admin): the job's alerts go to the CI their {@code instance} label names. */
    static String rule(Suite s, String job) throws Exception {
        return s.call(s.post(s.gateway() + "/api/v1/monitoring/rules", "{\"name\":\"Bench " + job + "\",\"position\":1,"
                + "\"enabled\":true,\"matchers\":[{\"label\":\"job\",\"op\":\"EQ\",\"value\":\"" + job + "\"}],"
                + "\"ci\":{\"from\":\"LABEL\",\"label\":\"instance\"},\"autoResolve\":true,\"flapWindow\":\"PT5M\","
                + "\"openIncident\":true}"), 201).get("id").asText();
    }

    /** Waits until {@code group} has read {@code topic} to its end (lag 0). */
    static void awaitConsumed(Suite s, String group, String topic, Duration max) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.stack.kafkaBootstrapServers()))) {
            ProblemManagement.await(() -> ProblemManagement.lag(admin, group, topic) == 0, max, group + " read " + topic);
        }
    }

    // ------------------------------------------------------------------ Alertmanager's webhook body

    static Alert alert(String alertname, String instance, String job, String severity, String summary, Instant startsAt,
            Map<String, String> extra) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alertname);
        labels.put("instance", instance);
        labels.put("job", job);
        labels.put("severity", severity);
        if (extra != null) {
            labels.putAll(extra);
        }
        return new Alert(labels, summary, startsAt);
    }

    /** A v4 webhook body, firing ({@code resolvedAt} null) or resolved, grouped by job. */
    static String webhook(String job, List<Alert> alerts, Instant resolvedAt) {
        String status = resolvedAt == null ? "firing" : "resolved";
        ObjectNode body = Suite.JSON.createObjectNode();
        body.put("receiver", "itsm");
        body.put("status", status);
        ArrayNode items = body.putArray("alerts");
        for (Alert a : alerts) {
            ObjectNode item = items.addObject();
            item.put("status", status);
            ObjectNode labels = item.putObject("labels");
            a.labels().forEach(labels::put);
            item.putObject("annotations").put("summary", a.summary());
            item.put("startsAt", a.startsAt().toString());
            item.put("endsAt", resolvedAt == null ? ZERO_TIME : resolvedAt.toString());
            item.put("generatorURL", "http://prometheus:9090/graph?g0.expr=" + a.labels().get("alertname") + "&g0.tab=1");
            item.put("fingerprint", fingerprint(a.labels()));
        }
        body.putObject("groupLabels").put("job", job);
        body.putObject("commonLabels").put("job", job);
        body.putObject("commonAnnotations");
        body.put("externalURL", "http://alertmanager:9093");
        body.put("version", "4");
        body.put("groupKey", "{}:{job=\"" + job + "\"}");
        body.put("truncatedAlerts", 0);
        return body.toString();
    }

    /** prometheus/common {@code LabelSet.Fingerprint()}: FNV-1a 64 over the sorted labels, 0xff after each name and value. */
    static String fingerprint(Map<String, String> labels) {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            for (String part : List.of(e.getKey(), e.getValue())) {
                for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ 0xff) * 0x100000001b3L;
            }
        }
        return String.format("%016x", h);
    }

    static HttpRequest request(Suite s, String token, String body) {
        return HttpRequest.newBuilder(URI.create(s.gateway() + WEBHOOK)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static void post(Suite s, String token, String body, int expected) throws Exception {
        HttpResponse<String> r = s.http.send(request(s, token, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + WEBHOOK + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static long accepted(HttpResponse<String> r) {
        if (r.statusCode() != 202) {
            return 0;
        }
        Matcher m = ACCEPTED.matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    // ------------------------------------------------------------------ (a) webhooks

    /** {@code n} webhooks, {@link #CONNECTIONS} at a time; then how long the queue took to drain. */
    static Load closedLoop(Suite s, String token, String label, int n, IntFunction<String> bodies, StringBuilder raw)
            throws Exception {
        System.out.printf("    %s: %d webhooks of %d alerts%n", label, n, ALERTS_PER_WEBHOOK);
        Histogram latencies = new ConcurrentHistogram(3_600_000_000L, 3);
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        AtomicLong accepted = new AtomicLong();
        Semaphore slots = new Semaphore(CONNECTIONS);
        long began = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HttpRequest request = request(s, token, bodies.apply(i));
            slots.acquire();
            long sent = System.nanoTime();
            s.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, e) -> {
                latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                if (e != null) {
                    statuses.merge(-1, 1, Integer::sum);
                } else {
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    accepted.addAndGet(accepted(answer));
                }
                slots.release();
            });
        }
        slots.acquire(CONNECTIONS);
        double seconds = (System.nanoTime() - began) / 1e9;
        slots.release(CONNECTIONS);
        long ok = statuses.getOrDefault(202, 0);
        Latency latency = Latency.of(latencies, n - ok, seconds);
        double drain = awaitProcessed(s, Duration.ofSeconds(s.quick ? 120 : 600));
        raw.append(label).append(": webhooks by status ").append(statuses).append(", ").append(accepted.get())
                .append(" alerts accepted in ").append(seconds).append(" s, ").append(latency).append("; queue drained after ")
                .append(drain).append(" s\n");
        return new Load(label, ok, n - ok, accepted.get(), seconds, latency, drain);
    }

    /** {@code rate} webhooks/s for {@code d} (open loop, latency from each due time). */
    static Load openLoop(Suite s, String token, String label, double rate, Duration d, IntFunction<String> bodies,
            StringBuilder raw) throws Exception {
        System.out.printf("    %s for %d s%n", label, d.toSeconds());
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        AtomicLong accepted = new AtomicLong();
        Latency latency = OpenLoad.run(s.http, rate, d, i -> request(s, token, bodies.apply(i)), (i, r, arrived) -> {
            statuses.merge(r.statusCode(), 1, Integer::sum);
            accepted.addAndGet(accepted(r));
        });
        double drain = awaitProcessed(s, Duration.ofSeconds(s.quick ? 120 : 600));
        long ok = statuses.getOrDefault(202, 0);
        raw.append(label).append(": webhooks by status ").append(statuses).append(", ").append(accepted.get())
                .append(" alerts accepted, ").append(latency).append("; queue drained after ").append(drain).append(" s\n");
        return new Load(label, ok, latency.errors(), accepted.get(), latency.seconds(), latency, drain);
    }

    /**
     * Waits until monitoring-service's intake queue is empty and its outbox published (what it was sent is processed
     * and announced); returns how long that took.
     */
    static double awaitProcessed(Suite s, Duration max) throws Exception {
        long began = System.nanoTime();
        try (Connection db = s.db("itsm_monitoring")) {
            // read in the database, not through the gateway: an overloaded service answers the gateway late, its
            // circuit opens, and the drain could not be watched just when it matters
            ProblemManagement.await(() -> Suite.count(db, "select count(*) from intake_alert") == 0
                    && Suite.count(db, "select count(*) from outbox_event where published_at is null") == 0, max,
                    "monitoring-service's intake queue and outbox empty");
        }
        return (System.nanoTime() - began) / 1e9;
    }

    // ------------------------------------------------------------------ (b) first alert → incident

    static void firstAlerts(Suite s, String token, String job, List<String> hosts, Histogram toGroup, Histogram toIncident,
            StringBuilder raw) throws Exception {
        Map<String, Long> groupOpened = new ConcurrentHashMap<>(); // rootCiName -> read nanoTime
        Map<String, Long> incidentOpened = new ConcurrentHashMap<>(); // ciId -> read nanoTime
        Map<String, String> ids = new ConcurrentHashMap<>(); // CI name -> id, from the group event
        try (TopicTail groups = new TopicTail(s.stack.kafkaBootstrapServers(), MONITORING_TOPIC, ".AlertGroupOpened",
                (r, now) -> {
                    JsonNode p = ProblemManagement.json(r.value());
                    groupOpened.putIfAbsent(p.path("rootCiName").asText(), now);
                    ids.putIfAbsent(p.path("rootCiName").asText(), p.path("rootCiId").asText());
                });
                TopicTail incidents = new TopicTail(s.stack.kafkaBootstrapServers(), INCIDENT_TOPIC, ".IncidentOpened",
                        (r, now) -> incidentOpened.putIfAbsent(ProblemManagement.json(r.value()).path("ciId").asText(), now))) {
            for (String host : hosts) {
                long sent = System.nanoTime();
                post(s, token, webhook(job, List.of(alert("HostDown", host, job, "critical", host + " does not answer",
                        Instant.now(), null)), null), 202);
                ProblemManagement.await(() -> ids.containsKey(host) && incidentOpened.containsKey(ids.get(host)),
                        Duration.ofSeconds(60), "the incident of the first alert on " + host);
                toGroup.recordValue(Math.max(1, (groupOpened.get(host) - sent) / 1000));
                toIncident.recordValue(Math.max(1, (incidentOpened.get(ids.get(host)) - sent) / 1000));
                raw.append("first alert on ").append(host).append(": AlertGroupOpened after ")
                        .append((groupOpened.get(host) - sent) / 1e6).append(" ms, IncidentOpened after ")
                        .append((incidentOpened.get(ids.get(host)) - sent) / 1e6).append(" ms\n");
            }
        }
    }

    // ------------------------------------------------------------------ (c) the storm

    static Storm storm(Suite s, String token, String job, String run, Map<String, String> cis, StringBuilder raw)
            throws Exception {
        int total = s.quick ? 2000 : 10_000;
        List<String> names = new ArrayList<>(cis.keySet());
        List<String> alertnames = List.of("HighLatency", "HighErrorRate", "ConnectionPoolExhausted", "QueryTimeouts",
                "ReplicationLag", "HealthCheckFailing", "PodRestarting");
        Instant startsAt = Instant.now();
        int webhooks = (total + ALERTS_PER_WEBHOOK - 1) / ALERTS_PER_WEBHOOK;
        IntFunction<String> bodies = i -> {
            List<Alert> alerts = new ArrayList<>(ALERTS_PER_WEBHOOK);
            for (int k = 0; k < ALERTS_PER_WEBHOOK && i * ALERTS_PER_WEBHOOK + k < total; k++) {
                int g = i * ALERTS_PER_WEBHOOK + k;
                String ci = names.get(g % names.size());
                alerts.add(alert(alertnames.get(g % alertnames.size()), ci, job, g % 3 == 0 ? "critical" : "major",
                        alertnames.get(g % alertnames.size()) + " on " + ci, startsAt, Map.of("series", run + "-" + g)));
            }
            return webhook(job, alerts, null);
        };
        Set<String> stormIds = Set.copyOf(cis.values());
        Map<String, Long> incidentAt = new ConcurrentHashMap<>(); // ciId -> read nanoTime
        long first = System.nanoTime();
        Load load;
        try (TopicTail incidents = new TopicTail(s.stack.kafkaBootstrapServers(), INCIDENT_TOPIC, ".IncidentOpened",
                (r, now) -> {
                    String ciId = ProblemManagement.json(r.value()).path("ciId").asText();
                    if (stormIds.contains(ciId)) {
                        incidentAt.putIfAbsent(ciId, now);
                    }
                })) {
            first = System.nanoTime();
            load = closedLoop(s, token, "storm, " + CONNECTIONS + " at a time", webhooks, bodies, raw);
            ProblemManagement.await(() -> !incidentAt.isEmpty(), Duration.ofSeconds(120), "an incident for the storm");
        }
        double processed = load.seconds() + load.drainSeconds();
        double toIncidentMs = (incidentAt.values().stream().mapToLong(Long::longValue).min().orElse(first) - first) / 1e6;
        // incident-service has read every monitoring event before anything is counted
        awaitConsumed(s, INCIDENT_GROUP, MONITORING_TOPIC, Duration.ofSeconds(300));
        Set<String> groups = new LinkedHashSet<>();
        for (String ciId : cis.values()) {
            JsonNode page = s.call(s.get(s.gateway() + "/api/v1/monitoring/alert-groups?rootCiId=" + ciId + "&size=200"), 200);
            for (JsonNode g : page.path("items")) {
                groups.add(g.hasNonNull("id") ? g.get("id").asText() : g.path("groupId").asText());
            }
        }
        Map<String, Integer> incidentsByGroup = new TreeMap<>();
        for (String group : groups) {
            JsonNode page = s.call(s.get(s.gateway() + "/api/v1/incidents?source=MONITORING&alertGroupId=" + group
                    + "&size=200"), 200);
            incidentsByGroup.put(group, page.path("items").size());
        }
        raw.append("storm: ").append(total).append(" alerts over ").append(cis.size()).append(" CIs; alert groups ")
                .append(groups).append(" (must be exactly one); incidents by group ").append(incidentsByGroup)
                .append(" (must be exactly one); first IncidentOpened ").append(toIncidentMs).append(" ms after the first webhook\n");
        System.out.println("    storm: alert groups " + groups + ", incidents by alertGroupId " + incidentsByGroup);
        return new Storm(total, cis.size(), load, groups, incidentsByGroup, toIncidentMs, processed);
    }

    private static String ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? "–" : Report.ms(micros.getValueAtPercentile(percentile) / 1000.0);
    }
}
