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
            // the JIT of all three paths warms up before anything is measured; the gateway's hot path takes the
            // C2 compiler most of a minute on 2 shared cores (JFR: 8.7 s of compile time in the 20 s after start),
            // and measured earlier its CPU per request is mostly compilation, not proxying
            wrk.run("get-warmup-direct", s.incidentService() + path, null, s.auth(), connections, s.seconds(15, 2));
            wrk.run("get-warmup-gateway", s.gateway() + path, null, s.auth(), connections, s.seconds(60, 2));
            wrk.run("get-warmup-nginx", nginx.url() + path, null, s.auth(), connections, s.seconds(4, 1));
            Latency direct = wrk.run("get-direct", s.incidentService() + path, null, s.auth(), connections, d);
            java.time.Duration nginxCpu = nginx.cpu();
            Latency nginxRun = wrk.run("get-nginx", nginx.url() + path, null, s.auth(), connections, d);
            double nginxMs = (nginx.cpu().minus(nginxCpu).toNanos() / 1e6) / Math.max(1, nginxRun.requests());
            long gatewayPid = s.stack.supervisor().process("gateway").pid();
            java.time.Duration gatewayCpu = Procs.cpu(gatewayPid);
            Latency gateway = wrk.run("get-gateway", s.gateway() + path, null, s.auth(), connections, d);
            double gatewayMs = (Procs.cpu(gatewayPid).minus(gatewayCpu).toNanos() / 1e6) / Math.max(1, gateway.requests());

            // latency at a rate all three sustain (open loop), where added time is not hidden by queueing
            double rate = Math.min(300, Math.floor(direct.rate() * 0.3));
            Duration fixed = s.seconds(10, 3);
            Latency fixedDirect = OpenLoad.run(s.http, rate, fixed, i -> s.get(s.incidentService() + path), null);
            Latency fixedNginx = OpenLoad.run(s.http, rate, fixed, i -> s.get(nginx.url() + path), null);
            Latency fixedGateway = OpenLoad.run(s.http, rate, fixed, i -> s.get(s.gateway() + path), null);

            report.heading("2. Gateway overhead: GET /api/v1/incidents/{id}")
                    .text("Saturation: wrk, " + connections + " connections, 2 threads, " + d.toSeconds() + " s per "
                            + "target, after a warm-up. Fixed rate: the Java open-loop generator at " + Report.rate(rate)
                            + " req/s for " + fixed.toSeconds() + " s per target, where none of the three queues, so "
                            + "the added latency is the proxy's own. Reference: nginx as a plain keep-alive reverse "
                            + "proxy to the same incident-service. The gateway also checks the JWT, applies role rules "
                            + "and the rate limiter, and sets X-Request-Id and X-Forwarded-*. Proxy CPU per request: "
                            + "CPU time of the proxy process(es) during its saturation run ÷ requests.");
            var t = report.table("path", "saturation req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors",
                    "throughput vs nginx", "proxy CPU ms/request");
            t.row("direct (no proxy)", Report.rate(direct.rate()), Report.ms(direct.p50()), Report.ms(direct.p99()),
                    Report.ms(direct.p999()), Report.count(direct.errors()), Report.ratio(direct.rate(), nginxRun.rate()), "–");
            t.row("nginx → service (reference)", Report.rate(nginxRun.rate()), Report.ms(nginxRun.p50()),
                    Report.ms(nginxRun.p99()), Report.ms(nginxRun.p999()), Report.count(nginxRun.errors()), "1.00×",
                    Report.ms(nginxMs));
            t.row("gateway → service", Report.rate(gateway.rate()), Report.ms(gateway.p50()), Report.ms(gateway.p99()),
                    Report.ms(gateway.p999()), Report.count(gateway.errors()), Report.ratio(gateway.rate(), nginxRun.rate()),
                    Report.ms(gatewayMs));
            t.end();
            var f = report.table("fixed " + Report.rate(rate) + " req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors",
                    "added p50 ms", "added p99 ms");
            f.row("direct (no proxy)", Report.ms(fixedDirect.p50()), Report.ms(fixedDirect.p99()),
                    Report.ms(fixedDirect.p999()), Report.count(fixedDirect.errors()), "–", "–");
            f.row("nginx → service (reference)", Report.ms(fixedNginx.p50()), Report.ms(fixedNginx.p99()),
                    Report.ms(fixedNginx.p999()), Report.count(fixedNginx.errors()),
                    Report.ms(fixedNginx.p50() - fixedDirect.p50()), Report.ms(fixedNginx.p99() - fixedDirect.p99()));
            f.row("gateway → service", Report.ms(fixedGateway.p50()), Report.ms(fixedGateway.p99()),
                    Report.ms(fixedGateway.p999()), Report.count(fixedGateway.errors()),
                    Report.ms(fixedGateway.p50() - fixedDirect.p50()), Report.ms(fixedGateway.p99() - fixedDirect.p99()));
            f.end();
            report.text("**Gateway ÷ nginx throughput: " + Report.ratio(gateway.rate(), nginxRun.rate())
                    + "**; at " + Report.rate(rate) + " req/s the gateway adds " + Report.ms(fixedGateway.p50()
                    - fixedDirect.p50()) + " ms at p50 where nginx adds " + Report.ms(fixedNginx.p50() - fixedDirect.p50())
                    + " ms; it spends " + Report.ratio(gatewayMs, nginxMs) + " nginx's CPU per request. The service "
                    + "itself is the bottleneck of all three saturation runs (they share 2 cores with it), so the "
                    + "throughput ratio says how much CPU each proxy takes away from it.");
        }
    }
}
