package dev.itsm.bench;

import java.time.Duration;

/**
 * Table 2: the same {@code GET /api/v1/incidents/{id}} directly on incident-service, through the
 * gateway, and through nginx as a plain reverse proxy to the same service.
 */
final class GatewayOverhead {

    private GatewayOverhead() {
    }

    static void run(Suite s, Wrk wrk, Report report) throws Exception {
        String id = s.call(s.post(s.gateway() + "/api/v1/incidents", Suite.incidentBody(s.serviceId, "read me")), 201)
                .get("id").asText();
        String path = "/api/v1/incidents/" + id;
        int connections = 32;
        Duration d = s.seconds(15, 3);
        try (Nginx nginx = new Nginx(s.raw, s.stack.port("incident-service"))) {
            // the JIT of all three paths warms up before anything is measured
            wrk.run("get-warmup-direct", s.incidentService() + path, null, s.auth(), connections, s.seconds(8, 2));
            wrk.run("get-warmup-gateway", s.gateway() + path, null, s.auth(), connections, s.seconds(8, 2));
            Latency direct = wrk.run("get-direct", s.incidentService() + path, null, s.auth(), connections, d);
            Latency nginxRun = wrk.run("get-nginx", nginx.url() + path, null, s.auth(), connections, d);
            Latency gateway = wrk.run("get-gateway", s.gateway() + path, null, s.auth(), connections, d);
            report.heading("2. Gateway overhead: GET /api/v1/incidents/{id}")
                    .text("wrk, " + connections + " connections, 2 threads, " + d.toSeconds() + " s per target, after a "
                            + "warm-up. Reference: nginx " + "as a plain keep-alive reverse proxy to the same "
                            + "incident-service. The gateway also checks the JWT, applies role rules and the rate "
                            + "limiter, and sets X-Request-Id and X-Forwarded-*.");
            var t = report.table("path", "requests/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "added p50 ms",
                    "added p99 ms", "throughput vs nginx");
            row(t, "direct (no proxy)", direct, direct, nginxRun);
            row(t, "nginx → service (reference)", nginxRun, direct, nginxRun);
            row(t, "gateway → service", gateway, direct, nginxRun);
            t.end();
            report.text("**Gateway ÷ nginx throughput: " + Report.ratio(gateway.rate(), nginxRun.rate())
                    + "**; gateway adds " + Report.ms(gateway.p50() - direct.p50()) + " ms at p50 where nginx adds "
                    + Report.ms(nginxRun.p50() - direct.p50()) + " ms.");
        }
    }

    private static void row(Report.Table t, String name, Latency l, Latency direct, Latency nginx) {
        t.row(name, Report.rate(l.rate()), Report.ms(l.p50()), Report.ms(l.p99()), Report.ms(l.p999()),
                Report.count(l.errors()), Report.ms(l.p50() - direct.p50()), Report.ms(l.p99() - direct.p99()),
                Report.ratio(l.rate(), nginx.rate()));
    }
}
