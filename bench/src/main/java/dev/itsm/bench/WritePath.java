package dev.itsm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

/**
 * Table 1: {@code POST /api/v1/incidents} through the gateway and directly, at saturation (wrk) and
 * at a fixed rate (open loop). Reference: pgbench running the same SQL transaction the service runs
 * (catalogue check, number, incident row, history row, outbox row) against the same PostgreSQL, in a
 * copy of incident-service's schema (so its outbox rows do not reach Kafka).
 */
final class WritePath {

    private WritePath() {
    }

    static void run(Suite s, Wrk wrk, Pgbench pgbench, Report report) throws Exception {
        int connections = 16;
        Duration d = s.seconds(15, 3);
        String body = Suite.incidentBody(s.serviceId, "Users cannot log in");
        String path = "/api/v1/incidents";
        wrk.run("post-warmup", s.gateway() + path, body, s.auth(), connections, s.seconds(8, 2));
        s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180));
        Latency gateway = wrk.run("post-gateway-saturation", s.gateway() + path, body, s.auth(), connections, d);
        s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180));
        CpuMeter cpu = new CpuMeter(s.stack);
        Latency direct = wrk.run("post-direct-saturation", s.incidentService() + path, body, s.auth(), connections, d);
        Duration drain = s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180));
        // measured until the backlog is drained, so every incident's downstream work (timers, links) is in
        Map<String, Double> cpuPerIncident = cpu.perUnit(direct.requests());
        double sustainable = 2000.0 / cpuPerIncident.get("total");

        Latency reference = pgbench.run("write", prepareReference(s), script(s.serviceId), connections, d);

        // 200/s as the issue asks, and half the rate the 2 cores can sustain with all downstream work
        double low = Math.max(5, Math.floor(sustainable / 2));
        Duration fixed = s.seconds(15, 3);
        Map<String, Latency> fixedRuns = new java.util.LinkedHashMap<>();
        Map<String, Duration> drains = new java.util.LinkedHashMap<>();
        Map<String, Map<Integer, Long>> statuses = new java.util.LinkedHashMap<>();
        for (double rate : new double[] {200, low}) {
            for (String target : new String[] {"through the gateway", "direct"}) {
                String url = (target.equals("direct") ? s.incidentService() : s.gateway()) + path;
                String name = "fixed " + Report.rate(rate) + "/s, " + target;
                System.out.println("    open loop " + name + " for " + fixed.toSeconds() + " s");
                Map<Integer, Long> answered = new java.util.concurrent.ConcurrentSkipListMap<>();
                fixedRuns.put(name, OpenLoad.run(s.http, rate, fixed, i -> s.post(url, body),
                        (i, response, arrived) -> answered.merge(response.statusCode(), 1L, Long::sum)));
                statuses.put(name, answered);
                drains.put(name, s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180)));
            }
        }

        report.heading("1. Write path: POST /api/v1/incidents")
                .text("Saturation: wrk, " + connections + " connections, " + d.toSeconds() + " s, closed loop. Fixed "
                        + "rate: Java open-loop generator (HdrHistogram, latency from each request's due time), "
                        + fixed.toSeconds() + " s each, at 200 req/s and at half the rate the machine can sustain "
                        + "(below). Every request opens a real incident: priority matrix, LIVE-service check against the "
                        + "replica, history row and outbox row in one transaction. Then, from the event, sla-service starts "
                        + "two timers and publishes SlaTimerStarted twice, incident-service records both SLA statuses, "
                        + "and change-service looks for suspect changes — all on the same 2 cores. Before each run the "
                        + "suite is let drain its event backlog. Reference: pgbench, " + connections + " clients, the "
                        + "same five statements in one transaction (raw/pgbench-write/script.sql).");
        var t = report.table("mode", "requests/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "rate ÷ pgbench",
                "backlog drained in", "answers (fixed rate)");
        t.row("pgbench, same SQL transaction (reference)", Report.rate(reference.rate()), Report.ms(reference.p50()),
                Report.ms(reference.p99()), Report.ms(reference.p999()), Report.count(reference.errors()), "1.00×", "–", "–");
        t.row("saturation, through the gateway", Report.rate(gateway.rate()), Report.ms(gateway.p50()),
                Report.ms(gateway.p99()), Report.ms(gateway.p999()), Report.count(gateway.errors()),
                Report.ratio(gateway.rate(), reference.rate()), "–", "–");
        t.row("saturation, direct on incident-service", Report.rate(direct.rate()), Report.ms(direct.p50()),
                Report.ms(direct.p99()), Report.ms(direct.p999()), Report.count(direct.errors()),
                Report.ratio(direct.rate(), reference.rate()), Report.seconds(drain.toMillis() / 1000.0), "–");
        t.row("sustainable: 2 cores ÷ CPU per incident (below)", Report.rate(sustainable), "–", "–", "–", "–",
                Report.ratio(sustainable, reference.rate()), "–", "–");
        fixedRuns.forEach((name, l) -> t.row(name, Report.rate(l.rate()), Report.ms(l.p50()), Report.ms(l.p99()),
                Report.ms(l.p999()), Report.count(l.errors()), "–", Report.seconds(drains.get(name).toMillis() / 1000.0),
                answers(statuses.get(name), l.requests())));
        t.end();
        report.text("**Suite write rate ÷ pgbench: " + Report.ratio(gateway.rate(), reference.rate())
                + " through the gateway, " + Report.ratio(direct.rate(), reference.rate()) + " direct at saturation; "
                + Report.ratio(sustainable, reference.rate()) + " sustained.** Saturation accepts requests faster than "
                + "the event consumers can follow: the backlog after the direct run took "
                + Report.seconds(drain.toMillis() / 1000.0) + " to drain.");
        report.text("Where the CPU goes: CPU time used by each process during the direct saturation run and the "
                + "drain after it, divided by the incidents opened. For comparison, pgbench's transaction costs at most "
                + Report.ms(2000.0 / reference.rate()) + " ms of machine time (2 cores ÷ its rate, pgbench itself "
                + "included):");
        var cpuTable = report.table("process", "CPU ms per incident opened");
        cpuPerIncident.forEach((name, ms) -> cpuTable.row(name, Report.ms(ms)));
        cpuTable.end();
    }

    /** "201: 1,271 · 503: 1,729" (and "no answer: n" for requests that got none: refused connection, timeout). */
    private static String answers(Map<Integer, Long> statuses, long requests) {
        StringBuilder out = new StringBuilder();
        long answered = 0;
        for (Map.Entry<Integer, Long> e : statuses.entrySet()) {
            out.append(out.isEmpty() ? "" : " · ").append(e.getKey()).append(": ").append(Report.count(e.getValue()));
            answered += e.getValue();
        }
        if (answered < requests) {
            out.append(out.isEmpty() ? "" : " · ").append("no answer: ").append(Report.count(requests - answered));
        }
        return out.toString();
    }

    /** A database {@code bench_ref} with incident-service's schema (pg_dump -s), the service row and real samples. */
    private static String prepareReference(Suite s) throws Exception {
        try (Connection admin = s.db("postgres")) {
            admin.createStatement().execute("drop database if exists bench_ref");
            admin.createStatement().execute("create database bench_ref");
        }
        String out = s.psqlShell("pg_dump -s -h 127.0.0.1 -p " + s.pgPort() + " -U " + s.stack.dbUser()
                + " itsm_incident | psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " + s.pgPort() + " -U "
                + s.stack.dbUser() + " bench_ref");
        if (out.contains("ERROR")) {
            throw new IllegalStateException("copying the schema failed: " + out);
        }
        try (Connection ref = s.db("bench_ref"); Connection incident = s.db("itsm_incident")) {
            ref.createStatement().execute("insert into catalog_service (service_id, name, status, last_event_at) values ('"
                    + s.serviceId + "', 'Payroll portal', 'LIVE', now())");
            ref.createStatement().execute("create table bench_sample (history text, payload text)");
            String history = Suite.one(incident, "select changes from incident_history where action = 'open' order by id desc limit 1");
            String payload = Suite.one(incident, "select payload from outbox_event where event_type like '%IncidentOpened' order by id desc limit 1");
            try (PreparedStatement ps = ref.prepareStatement("insert into bench_sample values (?, ?)")) {
                ps.setString(1, history);
                ps.setString(2, payload);
                ps.executeUpdate();
            }
        }
        return "bench_ref";
    }

    /** The statements of IncidentService.open as SQL; the incident id is derived from a random number. */
    static String script(String serviceId) {
        return """
                \\set a random(1, 9223372036854775806)
                BEGIN;
                SELECT service_id, status FROM catalog_service WHERE service_id = '%1$s';
                SELECT nextval('incident_number_seq');
                INSERT INTO incident (id, number, title, description, caller, service_id, category, impact, urgency,
                  priority, state, opened_at, reopen_count, major_incident, updated_at, version)
                  VALUES (md5(:a::text)::uuid, 'INC' || lpad(currval('incident_number_seq')::text, 7, '0'),
                  'Users cannot log in', 'Since 09:10 every login to the payroll portal fails with an error page',
                  'jane.doe@example.com', '%1$s', 'software', 'MEDIUM', 'HIGH', 'P2', 'NEW', now(), 0, false, now(), 0);
                INSERT INTO incident_history (incident_id, at, actor, action, changes)
                  SELECT md5(:a::text)::uuid, now(), 'bench', 'open', history::jsonb FROM bench_sample;
                INSERT INTO outbox_event (event_id, topic, source, event_type, aggregate_type, aggregate_id, occurred_at, payload)
                  SELECT gen_random_uuid(), 'itsm.incident.events', '/itsm/incident-service',
                  'dev.itsm.incident.IncidentOpened', 'Incident', md5(:a::text)::uuid::text, now(), payload FROM bench_sample;
                COMMIT;
                """.formatted(serviceId);
    }
}
