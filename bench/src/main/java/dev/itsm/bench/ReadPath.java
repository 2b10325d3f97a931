package dev.itsm.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Table 4: list and summary queries on incident-service with 1,000,000 incidents. The rows are
 * loaded with one INSERT … SELECT generate_series (opening a million incidents through the API would
 * take hours here). Reference: the same SQL (what Hibernate sends for the JPQL in IncidentQueries:
 * the page query plus the count query, or the summary's GROUP BY) run by pgbench with the same
 * concurrency, and its EXPLAIN ANALYZE execution time.
 */
final class ReadPath {

    private static final String COLUMNS = "id, number, title, description, caller, service_id, ci_id, category, impact, "
            + "urgency, priority, state, assignment_group, assignee, hold_reason, opened_at, acknowledged_at, resolved_at, "
            + "closed_at, canceled_at, resolution_code, resolution_notes, cancel_reason, reopen_count, major_incident, "
            + "parent_incident_id, updated_at, version";

    record Query(String name, String api, List<String> sql) {
    }

    private ReadPath() {
    }

    static void run(Suite s, Wrk wrk, Pgbench pgbench, Report report) throws Exception {
        int rows = s.quick ? 100_000 : 1_000_000;
        long loadStart = System.nanoTime();
        List<String> services = load(s, rows);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        String svc = s.serviceId;
        int deepPage = s.quick ? 1_000 : 10_000;
        String filter = "state in ('NEW','IN_PROGRESS') and priority in ('P1','P2') and service_id = '" + svc + "'";
        List<Query> queries = List.of(
                new Query("state NEW,IN_PROGRESS + priority P1,P2 + service, newest first, page 0 of 50",
                        "/api/v1/incidents?state=NEW,IN_PROGRESS&priority=P1,P2&serviceId=" + svc + "&sort=-openedAt&page=0&size=50",
                        List.of(page(filter, 0), count(filter))),
                new Query("state CLOSED, newest first, deep page " + deepPage + " (offset " + deepPage * 50 + ")",
                        "/api/v1/incidents?state=CLOSED&sort=-openedAt&page=" + deepPage + "&size=50",
                        List.of(page("state in ('CLOSED')", deepPage * 50), count("state in ('CLOSED')"))),
                new Query("no filter, newest first, page 0",
                        "/api/v1/incidents?sort=-openedAt&page=0&size=50", List.of(page(null, 0), count(null))),
                new Query("summary, all incidents", "/api/v1/incidents/summary",
                        List.of("select state, priority, count(*) from incident group by state, priority")),
                new Query("summary, one service", "/api/v1/incidents/summary?serviceId=" + svc,
                        List.of("select state, priority, count(*) from incident where service_id = '" + svc
                                + "' group by state, priority")));

        int connections = 4;
        Duration d = s.seconds(10, 3);
        report.heading("4. Read path with " + Report.count(rows) + " incidents")
                .text(Report.count(rows) + " incidents over " + services.size() + " services, 2 years of opening times, "
                        + "70 % CLOSED, loaded in " + Report.seconds(loadSeconds) + " (INSERT … SELECT, then VACUUM ANALYZE). "
                        + "API: wrk through the gateway, " + connections + " connections, " + d.toSeconds() + " s per "
                        + "query. Reference: pgbench, " + connections + " clients, the same SQL statements per "
                        + "transaction (page + count, or the GROUP BY), and EXPLAIN ANALYZE of them (sum of execution "
                        + "times). The list endpoint also loads the SLA status of the 50 incidents on the page "
                        + "(one indexed query), which the reference leaves out.");
        var t = report.table("query", "API req/s", "API p50 ms", "API p99 ms", "API p99.9 ms", "errors",
                "SQL p50 ms", "SQL p99 ms", "EXPLAIN ANALYZE ms", "API p50 ÷ SQL p50");
        int n = 0;
        for (Query q : queries) {
            n++;
            Latency sql = pgbench.run("read-" + n, "itsm_incident", String.join(";\n", q.sql()) + ";\n", connections, d);
            double explain = explain(s, q.sql());
            Latency api = wrk.run("read-" + n, s.gateway() + q.api(), null, s.auth(), connections, d);
            t.row(q.name(), Report.rate(api.rate()), Report.ms(api.p50()), Report.ms(api.p99()), Report.ms(api.p999()),
                    Report.count(api.errors()), Report.ms(sql.p50()), Report.ms(sql.p99()), Report.ms(explain),
                    Report.ratio(api.p50(), sql.p50()));
        }
        t.end();
    }

    private static String page(String where, int offset) {
        return "select " + COLUMNS + " from incident" + (where == null ? "" : " where " + where)
                + " order by opened_at desc, id offset " + offset + " rows fetch first 50 rows only";
    }

    private static String count(String where) {
        return "select count(*) from incident" + (where == null ? "" : " where " + where);
    }

    /** Sum of the statements' EXPLAIN ANALYZE execution times (second run: warm cache). */
    private static double explain(Suite s, List<String> sql) throws Exception {
        StringBuilder plans = new StringBuilder();
        double total = 0;
        try (Connection c = s.db("itsm_incident"); Statement st = c.createStatement()) {
            for (String q : sql) {
                for (int run = 0; run < 2; run++) {
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rs = st.executeQuery("explain (analyze, buffers) " + q)) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                    if (run == 1) {
                        plans.append(q).append("\n").append(plan).append("\n");
                        total += Suite.executionMs(plan);
                    }
                }
            }
        }
        java.nio.file.Files.writeString(s.raw.resolve("explain-analyze.txt"), plans.toString(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return total;
    }

    /** Inserts {@code rows} incidents directly; returns the service ids used (the bench service first). */
    private static List<String> load(Suite s, int rows) throws Exception {
        List<String> services = new ArrayList<>(List.of(s.serviceId));
        for (int i = 1; i < 10; i++) {
            services.add(UUID.nameUUIDFromBytes(("bench-service-" + i).getBytes()).toString());
        }
        String serviceArray = "array['" + String.join("','", services) + "']::uuid[]";
        int chunk = 100_000;
        try (Connection c = s.db("itsm_incident"); Statement st = c.createStatement()) {
            for (int from = 1; from <= rows; from += chunk) {
                int to = Math.min(rows, from + chunk - 1);
                System.out.printf(Locale.ROOT, "    loading incidents %,d..%,d%n", from, to);
                // deterministic spread: state and priority from multiplicative hashes of the row number
                st.executeUpdate("""
                        insert into incident (id, number, title, description, caller, service_id, category, impact, urgency,
                          priority, state, assignment_group, assignee, hold_reason, opened_at, acknowledged_at, resolved_at, closed_at,
                          canceled_at, resolution_code, reopen_count, major_incident, updated_at, version)
                        select gen_random_uuid(), 'B' || lpad(g::text, 9, '0'), 'Bulk incident ' || g,
                          'Generated for the read-path benchmark', 'caller' || (g %% 5000) || '@example.com',
                          (%1$s)[1 + g %% 10], (array['software','hardware','network','access'])[1 + g %% 4],
                          'MEDIUM', 'MEDIUM', p.priority, st.state, 'service-desk', 'agent' || (g %% 40),
                          case when st.state = 'ON_HOLD' then 'AWAITING_CALLER' end,
                          o.opened, o.opened + interval '5 minutes',
                          case when st.state in ('RESOLVED','CLOSED') then o.opened + interval '4 hours' end,
                          case when st.state = 'CLOSED' then o.opened + interval '3 days' end,
                          case when st.state = 'CANCELED' then o.opened + interval '1 hour' end,
                          case when st.state in ('RESOLVED','CLOSED') then 'PERMANENT_FIX' end,
                          0, false, o.opened + interval '3 days', 3
                        from generate_series(%2$d, %3$d) g
                        cross join lateral (select (g::bigint * 7919) %% 100 as h1, (g::bigint * 104729) %% 100 as h2) h
                        cross join lateral (select case when h.h1 < 70 then 'CLOSED' when h.h1 < 80 then 'RESOLVED'
                          when h.h1 < 85 then 'CANCELED' when h.h1 < 90 then 'NEW' when h.h1 < 97 then 'IN_PROGRESS'
                          else 'ON_HOLD' end as state) st
                        cross join lateral (select case when h.h2 < 2 then 'P1' when h.h2 < 10 then 'P2' when h.h2 < 40
                          then 'P3' when h.h2 < 80 then 'P4' else 'P5' end as priority) p
                        cross join lateral (select now() - ((g::bigint * 2654435761) %% 63072000) * interval '1 second'
                          as opened) o
                        """.formatted(serviceArray, from, to));
            }
            st.execute("vacuum analyze incident");
        }
        return services;
    }
}
