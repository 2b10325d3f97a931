package dev.itsm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

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
        Latency gateway = wrk.run("post-gateway-saturation", s.gateway() + path, body, s.auth(), connections, d);
        Latency direct = wrk.run("post-direct-saturation", s.incidentService() + path, body, s.auth(), connections, d);
        Duration drain = s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 180));

        Latency reference = pgbench.run("write", prepareReference(s), script(s.serviceId), connections, d);

        double rate = Math.min(200, Math.floor(Math.min(gateway.rate(), direct.rate()) * 0.7));
        Duration fixed = s.seconds(15, 3);
        Latency fixedGateway = OpenLoad.run(s.http, rate, fixed, i -> s.post(s.gateway() + path, body), null);
        Latency fixedDirect = OpenLoad.run(s.http, rate, fixed, i -> s.post(s.incidentService() + path, body), null);
        s.awaitQuiet(Duration.ofSeconds(s.quick ? 60 : 120));

        report.heading("1. Write path: POST /api/v1/incidents")
                .text("Saturation: wrk, " + connections + " connections, " + d.toSeconds() + " s, closed loop. Fixed "
                        + "rate: Java open-loop generator (HdrHistogram, latency from each request's due time), "
                        + Report.rate(rate) + " req/s for " + fixed.toSeconds() + " s"
                        + (rate < 200 ? " (200 req/s is more than 70 % of the measured saturation rate here, so the "
                                + "fixed rate is 70 % of it)" : "")
                        + ". Every request opens a real incident: priority matrix, LIVE-service check against the "
                        + "replica, history row and outbox row in one transaction; sla-service then starts two timers "
                        + "per incident from the event, on the same 2 cores. Reference: pgbench, " + connections
                        + " clients, the same five statements in one transaction (raw/pgbench-write/script.sql).");
        var t = report.table("mode", "requests/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "rate ÷ pgbench");
        t.row("pgbench, same SQL transaction (reference)", Report.rate(reference.rate()), Report.ms(reference.p50()),
                Report.ms(reference.p99()), Report.ms(reference.p999()), Report.count(reference.errors()), "1.00×");
        t.row("saturation, through the gateway", Report.rate(gateway.rate()), Report.ms(gateway.p50()),
                Report.ms(gateway.p99()), Report.ms(gateway.p999()), Report.count(gateway.errors()),
                Report.ratio(gateway.rate(), reference.rate()));
        t.row("saturation, direct on incident-service", Report.rate(direct.rate()), Report.ms(direct.p50()),
                Report.ms(direct.p99()), Report.ms(direct.p999()), Report.count(direct.errors()),
                Report.ratio(direct.rate(), reference.rate()));
        t.row("fixed " + Report.rate(rate) + "/s, through the gateway", Report.rate(fixedGateway.rate()),
                Report.ms(fixedGateway.p50()), Report.ms(fixedGateway.p99()), Report.ms(fixedGateway.p999()),
                Report.count(fixedGateway.errors()), "–");
        t.row("fixed " + Report.rate(rate) + "/s, direct", Report.rate(fixedDirect.rate()), Report.ms(fixedDirect.p50()),
                Report.ms(fixedDirect.p99()), Report.ms(fixedDirect.p999()), Report.count(fixedDirect.errors()), "–");
        t.end();
        report.text("**Suite write rate ÷ pgbench: " + Report.ratio(gateway.rate(), reference.rate())
                + " through the gateway, " + Report.ratio(direct.rate(), reference.rate()) + " direct.** After the two "
                + "saturation runs the event backlog (outbox → Kafka → sla-service timers) took "
                + Report.seconds(drain.toMillis() / 1000.0) + " to drain.");
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
            String history = one(incident, "select changes from incident_history where action = 'open' order by id desc limit 1");
            String payload = one(incident, "select payload from outbox_event where event_type like '%IncidentOpened' order by id desc limit 1");
            try (PreparedStatement ps = ref.prepareStatement("insert into bench_sample values (?, ?)")) {
                ps.setString(1, history);
                ps.setString(2, payload);
                ps.executeUpdate();
            }
        }
        return "bench_ref";
    }

    private static String one(Connection c, String sql) throws Exception {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no sample row for: " + sql);
            }
            return rs.getString(1);
        }
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
                  SELECT md5(:a::text)::uuid, now(), 'bench', 'open', history FROM bench_sample;
                INSERT INTO outbox_event (event_id, topic, source, event_type, aggregate_type, aggregate_id, occurred_at, payload)
                  SELECT gen_random_uuid(), 'itsm.incident.events', '/itsm/incident-service',
                  'dev.itsm.incident.IncidentOpened', 'Incident', md5(:a::text)::uuid::text, now(), payload FROM bench_sample;
                COMMIT;
                """.formatted(serviceId);
    }
}
