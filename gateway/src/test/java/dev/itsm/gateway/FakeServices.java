package dev.itsm.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.itsm.infra.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP servers (plain Vert.x, own event loops) standing in for the eight services, plus a slow
 * one and an address where nothing listens. Each echoes what it received as JSON
 * ({@code service, method, uri, headers, bytes}) after streaming the body through a counter, and
 * knows a few special paths (see {@link #handle}).
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    /**
     * The rest of the large response, held back after its first MiB until the test calls
     * {@code POST /_control/release} on the service (or 15 s pass).
     */
    private volatile CompletableFuture<Void> releaseLargeBody = new CompletableFuture<>();

    public static final int LARGE_BODY_MB = 50;

    /** monitoring-service's intake limit ({@code monitoring.intake.max-body-bytes}, 1 MiB). */
    public static final long MONITORING_MAX_BODY = 1024 * 1024;

    /** Requests the "hold" service received, and how many of them the gateway abandoned before the answer. */
    public static final java.util.concurrent.atomic.AtomicInteger HOLD_RECEIVED = new java.util.concurrent.atomic.AtomicInteger();
    public static final java.util.concurrent.atomic.AtomicInteger HOLD_ABANDONED = new java.util.concurrent.atomic.AtomicInteger();

    /** Requests the "busy" service received (it answers each after 300 ms). */
    public static final java.util.concurrent.atomic.AtomicInteger BUSY_RECEIVED = new java.util.concurrent.atomic.AtomicInteger();

    /** Requests the second "pair" instance cut off without an answer ({@code …/drop}). */
    public static final java.util.concurrent.atomic.AtomicInteger PAIR_B_DROPPED = new java.util.concurrent.atomic.AtomicInteger();

    /** The running resource, so a test can stop and restart the second "pair" instance. */
    private static volatile FakeServices running;

    private Vertx vertx;
    private int pairBPort;
    private volatile HttpServer pairB;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String name : new String[] { "incident", "change", "catalog", "sla", "problem", "request", "monitoring", "webhook" }) {
            int port = listen(name, 0);
            config.put("gateway.upstreams." + name + ".url", "http://127.0.0.1:" + port);
        }
        int hold = listen("hold", 0);
        config.put("gateway.upstreams.hold.url", "http://127.0.0.1:" + hold);
        config.put("gateway.upstreams.hold.prefix", "/api/v1/hold");
        config.put("gateway.upstreams.hold.circuit-breaker.failure-threshold", "3");
        // one connection per event loop and one request waiting for it: the third at once is refused (overloaded)
        int busy = listen("busy", 0);
        config.put("gateway.upstreams.busy.url", "http://127.0.0.1:" + busy);
        config.put("gateway.upstreams.busy.prefix", "/api/v1/busy");
        config.put("gateway.upstreams.busy.max-connections", "1");
        config.put("gateway.upstreams.busy.max-waiting", "1");
        config.put("gateway.upstreams.busy.circuit-breaker.failure-threshold", "1");
        int slow = listen("slow", 0);
        config.put("gateway.upstreams.slow.url", "http://127.0.0.1:" + slow);
        config.put("gateway.upstreams.slow.prefix", "/api/v1/slow");
        config.put("gateway.upstreams.slow.timeout", "500ms");
        // two instances of one service, as ITSM_UPSTREAM_<NAME>_URL=http://127.0.0.1:A,http://127.0.0.1:B
        int pairA = listen("pair-a", 0);
        pairBPort = FreePorts.pick();
        pairB = server("pair-b", pairBPort);
        config.put("gateway.upstreams.pair.url", "http://127.0.0.1:" + pairA + ", http://127.0.0.1:" + pairBPort);
        config.put("gateway.upstreams.pair.prefix", "/api/v1/pair");
        config.put("gateway.upstreams.pair.down-for", "1s");
        running = this;
        config.put("gateway.upstreams.down.url", "http://127.0.0.1:" + FreePorts.pick());
        config.put("gateway.upstreams.down.prefix", "/api/v1/down");
        config.put("gateway.upstreams.down.timeout", "1s");
        config.put("gateway.upstreams.down.circuit-breaker.failure-threshold", "3");
        config.put("gateway.upstreams.down.circuit-breaker.open-for", "30s");
        return config;
    }

    private int listen(String name, int port) {
        return server(name, port).actualPort();
    }

    private HttpServer server(String name, int port) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(name, request));
        try {
            return server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start fake " + name, e);
        }
    }

    /** Stops the second "pair" instance: its port refuses connections until {@link #startPairB()}. */
    public static void stopPairB() {
        running.pairB.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Starts the second "pair" instance again, on its old port. */
    public static void startPairB() {
        running.pairB = running.server("pair-b", running.pairBPort);
    }

    /**
     * Paths: {@code /q/openapi} a small document; {@code /q/health/ready} UP; {@code /asyncapi.yaml}
     * (incident, problem, request, monitoring and webhook only);
     * {@code …/alertmanager} and {@code …/events} of monitoring: the service's own 1 MiB intake limit (413 problem above it); {@code …/created} 201 with Location and Link at the service's own origin;
     * {@code …/large} 50 MB streamed in 64 KiB chunks, held back after the first MiB until the test
     * releases it; everything else: the echo (slow service: after 3 s).
     */
    private void handle(String name, HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String path = request.path();
        if (path.equals("/q/health/ready")) {
            response.putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
            return;
        }
        if (path.equals("/_control/release")) {
            // true: the large body was still held back, i.e. the client saw its start before its end existed
            boolean wasHeld = releaseLargeBody.complete(null);
            response.putHeader("Content-Type", "application/json").end(new JsonObject().put("released", wasHeld).encode());
            return;
        }
        if (path.startsWith("/q/openapi")) {
            // the instances of one service serve one document
            String service = name.startsWith("pair-") ? "pair" : name;
            response.putHeader("Content-Type", "application/json").end(openApi(service).encode());
            return;
        }
        if (path.equals("/asyncapi.yaml")) {
            if (name.equals("incident") || name.equals("problem") || name.equals("request") || name.equals("monitoring")
                    || name.equals("webhook")) {
                response.putHeader("Content-Type", "application/yaml")
                        .end("asyncapi: 3.0.0\ninfo:\n  title: " + name + "-service events\n  version: 1.0.0\n");
            } else {
                response.setStatusCode(404).end();
            }
            return;
        }
        if (path.endsWith("/created")) {
            String origin = "http://" + request.localAddress().host() + ":" + request.localAddress().port();
            String prefix = path.substring(0, path.length() - "/created".length());
            response.setStatusCode(201)
                    .putHeader("Location", origin + prefix + "/42")
                    .putHeader("Link", "<" + origin + prefix + "?page=1>; rel=\"next\", <" + origin + prefix
                            + "?page=0>; rel=\"first\"")
                    .putHeader("Keep-Alive", "timeout=99")
                    .end();
            return;
        }
        if (path.endsWith("/broken")) {
            response.setStatusCode(500).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"https://itsm.dev/problems/internal\",\"title\":\"Internal error\",\"status\":500}");
            return;
        }
        if (path.endsWith("/drop") && name.equals("pair-b")) {
            // the instance dies mid-exchange: the request arrived, no answer ever comes
            PAIR_B_DROPPED.incrementAndGet();
            request.connection().close();
            return;
        }
        if (path.endsWith("/large")) {
            streamLarge(response);
            return;
        }
        long[] bytes = { 0 };
        request.handler(chunk -> bytes[0] += chunk.length());
        request.endHandler(v -> {
            if (name.equals("monitoring") && (path.endsWith("/alertmanager") || path.endsWith("/events"))
                    && bytes[0] > MONITORING_MAX_BODY) {
                // as monitoring-service answers a webhook over monitoring.intake.max-body-bytes
                response.setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("type", "https://itsm.dev/problems/payload-too-large")
                                .put("title", "Payload too large").put("status", 413)
                                .put("detail", "The request body exceeds " + MONITORING_MAX_BODY + " bytes")
                                .put("service", name).encode());
                return;
            }
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject echo = new JsonObject()
                    .put("service", name)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bytes", bytes[0]);
            if (name.equals("hold")) {
                // answers after 2 s; counts what it received and what the gateway abandoned meanwhile
                HOLD_RECEIVED.incrementAndGet();
                response.closeHandler(closed -> HOLD_ABANDONED.incrementAndGet());
                vertx.setTimer(2000, t -> {
                    if (!response.closed()) {
                        response.putHeader("Content-Type", "application/json").end(echo.encode());
                    }
                });
            } else if (name.equals("busy")) {
                BUSY_RECEIVED.incrementAndGet();
                vertx.setTimer(300, t -> response.putHeader("Content-Type", "application/json").end(echo.encode()));
            } else if (name.equals("slow")) {
                vertx.setTimer(3000, t -> {
                    if (!response.closed()) {
                        response.putHeader("Content-Type", "application/json").end(echo.encode());
                    }
                });
            } else {
                response.putHeader("Content-Type", "application/json")
                        .putHeader("X-Request-Id", "upstream-must-not-override")
                        .end(echo.encode());
            }
        });
    }

    private void streamLarge(HttpServerResponse response) {
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        int total = LARGE_BODY_MB * 16; // 64 KiB chunks
        response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
        CompletableFuture<Void> release = new CompletableFuture<>();
        releaseLargeBody = release;
        int[] written = { 0 };
        Runnable[] writeMore = new Runnable[1];
        writeMore[0] = () -> {
            while (written[0] < total && !response.writeQueueFull()) {
                if (written[0] == 16 && !release.isDone()) {
                    // hold back: continue only once the test has seen the first bytes through the gateway
                    release.completeOnTimeout(null, 15, TimeUnit.SECONDS)
                            .whenComplete((v, e) -> vertx.runOnContext(x -> writeMore[0].run()));
                    return;
                }
                response.write(chunk);
                written[0]++;
            }
            if (written[0] == total) {
                response.end();
            } else {
                response.drainHandler(v -> writeMore[0].run());
            }
        };
        writeMore[0].run();
    }

    private static final String READER = "itsm-reader";
    private static final String AGENT = "itsm-agent";
    private static final String CHANGE_MANAGER = "itsm-change-manager";
    private static final String CATALOG_ADMIN = "itsm-catalog-admin";
    private static final String SLA_ADMIN = "itsm-sla-admin";
    private static final String INTEGRATION_ADMIN = "itsm-integration-admin";
    private static final String PROBLEM_MANAGER = "itsm-problem-manager";
    private static final String REQUESTER = "itsm-requester";
    private static final String EVENT_SOURCE = "itsm-event-source";
    private static final String ADMIN = "itsm-admin";
    private static final String[] ANYONE = { READER, AGENT, CHANGE_MANAGER, CATALOG_ADMIN, SLA_ADMIN, ADMIN };
    private static final String[] PROBLEM_READERS = { READER, AGENT, PROBLEM_MANAGER, ADMIN };
    /** Offerings are read by everyone who reads the catalogue and by requesters: a consumer sees what it can order. */
    private static final String[] OFFERING_READERS = { READER, AGENT, CHANGE_MANAGER, CATALOG_ADMIN, SLA_ADMIN, REQUESTER, ADMIN };
    /** Every suite role: an approver named in a level may hold any of them (request-service checks the subject). */
    private static final String[] EVERY_ROLE = { READER, AGENT, CHANGE_MANAGER, CATALOG_ADMIN, SLA_ADMIN, INTEGRATION_ADMIN,
            PROBLEM_MANAGER, REQUESTER, ADMIN };

    /**
     * A small document per service whose operations declare their roles the way Quarkus writes
     * {@code @RolesAllowed} into OpenAPI ({@code security: [{SecurityScheme: [roles]}]}) — the
     * gateway's only source of role rules.
     */
    private static JsonObject openApi(String name) {
        JsonObject problem = new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("type", new JsonObject().put("type", "string"))
                        .put("status", new JsonObject().put("type", "integer")));
        JsonObject summary = new JsonObject().put("type", "object")
                .put("description", name + " summary")
                .put("properties", new JsonObject().put(name + "Id", new JsonObject().put("type", "string")));
        String path = switch (name) {
            case "incident" -> "/api/v1/incidents";
            case "change" -> "/api/v1/changes";
            case "catalog" -> "/api/v1/catalog/services";
            case "sla" -> "/api/v1/sla/agreements";
            case "problem" -> "/api/v1/problems";
            case "request" -> "/api/v1/requests";
            case "monitoring" -> "/api/v1/monitoring/alerts";
            case "webhook" -> "/api/v1/webhooks/subscriptions";
            default -> "/api/v1/" + name;
        };
        JsonObject get = new JsonObject()
                .put("tags", new JsonArray().add(name))
                .put("summary", "List " + name)
                .put("operationId", "list" + name)
                .put("responses", new JsonObject()
                        .put("200", new JsonObject().put("description", "OK").put("content", new JsonObject()
                                .put("application/json", new JsonObject().put("schema",
                                        new JsonObject().put("$ref", "#/components/schemas/Summary")))))
                        .put("404", new JsonObject().put("description", "Not found").put("content", new JsonObject()
                                .put("application/problem+json", new JsonObject().put("schema",
                                        new JsonObject().put("$ref", "#/components/schemas/Problem"))))));
        JsonObject paths = new JsonObject();
        String item = path + "/{id}";
        switch (name) {
            case "incident" -> {
                paths.put(path, new JsonObject().put("get", secured(get, ANYONE)).put("post", operation(AGENT, ADMIN)));
                paths.put(item, new JsonObject().put("get", operation(ANYONE)).put("patch", operation(AGENT, ADMIN))
                        .put("delete", operation(AGENT, ADMIN)));
                paths.put(item + "/resolve", new JsonObject().put("post", operation(AGENT, ADMIN)));
            }
            case "change" -> {
                paths.put(path, new JsonObject().put("get", secured(get, ANYONE))
                        .put("post", operation(AGENT, CHANGE_MANAGER, ADMIN)));
                paths.put(item, new JsonObject().put("get", operation(ANYONE))
                        .put("patch", operation(AGENT, CHANGE_MANAGER, ADMIN)));
                paths.put(item + "/submit", new JsonObject().put("post", operation(AGENT, CHANGE_MANAGER, ADMIN)));
                paths.put(item + "/approve", new JsonObject().put("post", operation(CHANGE_MANAGER, ADMIN)));
                paths.put(item + "/reject", new JsonObject().put("post", operation(CHANGE_MANAGER, ADMIN)));
                // a literal segment beside a template variable: the literal is the more specific match
                paths.put(path + "/calendar", new JsonObject().put("get", operation(ANYONE)));
            }
            case "catalog" -> {
                paths.put(path, new JsonObject().put("get", secured(get, ANYONE)).put("post", operation(CATALOG_ADMIN, ADMIN)));
                paths.put(item, new JsonObject().put("put", operation(CATALOG_ADMIN, ADMIN))
                        .put("delete", operation(CATALOG_ADMIN, ADMIN)));
                // offerings and their request forms are also the requester's to read; everything else in the
                // catalogue (services, consumer organisations, relationships) is not
                String offerings = "/api/v1/catalog/offerings";
                paths.put(offerings, new JsonObject().put("get", operation(OFFERING_READERS))
                        .put("post", operation(CATALOG_ADMIN, ADMIN)));
                paths.put(offerings + "/{id}", new JsonObject().put("get", operation(OFFERING_READERS))
                        .put("patch", operation(CATALOG_ADMIN, ADMIN)));
                paths.put(offerings + "/{id}/form", new JsonObject().put("get", operation(OFFERING_READERS)));
                String organisations = "/api/v1/catalog/consumer-organisations";
                paths.put(organisations, new JsonObject().put("get", operation(ANYONE))
                        .put("post", operation(CATALOG_ADMIN, ADMIN)));
                paths.put(organisations + "/{id}/people/{subject}", new JsonObject().put("put", operation(CATALOG_ADMIN, ADMIN)));
                paths.put("/api/v1/catalog/service-relationships", new JsonObject().put("get", operation(ANYONE))
                        .put("post", operation(CATALOG_ADMIN, ADMIN)));
            }
            case "sla" -> {
                paths.put(path, new JsonObject().put("get", secured(get, ANYONE)).put("post", operation(SLA_ADMIN, ADMIN)));
                paths.put(item, new JsonObject().put("patch", operation(SLA_ADMIN, ADMIN))
                        .put("delete", operation(SLA_ADMIN, ADMIN)));
            }
            case "problem" -> {
                // agents log problems, start the analysis and link incidents; root cause, known error, fix and
                // closure are the problem manager's (and the admin's)
                paths.put(path, new JsonObject().put("get", secured(get, PROBLEM_READERS))
                        .put("post", operation(AGENT, PROBLEM_MANAGER, ADMIN)));
                paths.put(item, new JsonObject().put("get", operation(PROBLEM_READERS))
                        .put("patch", operation(AGENT, PROBLEM_MANAGER, ADMIN)));
                paths.put(item + "/start-analysis", new JsonObject().put("post", operation(AGENT, PROBLEM_MANAGER, ADMIN)));
                paths.put(item + "/incidents", new JsonObject().put("get", operation(PROBLEM_READERS))
                        .put("post", operation(AGENT, PROBLEM_MANAGER, ADMIN)));
                for (String command : new String[] { "record-root-cause", "publish-known-error", "propose-fix", "close" }) {
                    paths.put(item + "/" + command, new JsonObject().put("post", operation(PROBLEM_MANAGER, ADMIN)));
                }
                // literal segments beside {id}: the known-error database and the recurrence candidates
                paths.put(path + "/known-errors", new JsonObject().put("get", operation(PROBLEM_READERS)));
                paths.put(path + "/candidates/{id}/accept", new JsonObject().put("post", operation(AGENT, PROBLEM_MANAGER, ADMIN)));
            }
            case "request" -> {
                // requesters order and act on their own requests (the service filters by object: another's
                // request is a 404 there); agents fulfil; approvers may hold any role, the service checks the subject
                String[] readers = { READER, AGENT, REQUESTER, ADMIN };
                paths.put(path, new JsonObject().put("get", secured(get, readers))
                        .put("post", operation(REQUESTER, AGENT, ADMIN)));
                paths.put(item, new JsonObject().put("get", operation(EVERY_ROLE)));
                for (String command : new String[] { "cancel", "close", "provide-info" }) {
                    paths.put(item + "/" + command, new JsonObject().put("post", operation(REQUESTER, AGENT, ADMIN)));
                }
                for (String command : new String[] { "approve", "reject" }) {
                    paths.put(item + "/" + command, new JsonObject().put("post", operation(EVERY_ROLE)));
                }
                paths.put(item + "/request-info", new JsonObject().put("post", operation(AGENT, ADMIN)));
                paths.put(item + "/grants", new JsonObject().put("get", operation(readers)));
                paths.put(item + "/grants/{grantId}/revoke", new JsonObject().put("post", operation(AGENT, ADMIN)));
                // literal segments beside {id}: the fulfilment queue, the access review, the admin endpoints
                paths.put(path + "/tasks", new JsonObject().put("get", operation(READER, AGENT, ADMIN)));
                paths.put(path + "/tasks/{taskId}", new JsonObject().put("get", operation(READER, AGENT, ADMIN)));
                for (String command : new String[] { "start", "complete", "fail", "retry" }) {
                    paths.put(path + "/tasks/{taskId}/" + command, new JsonObject().put("post", operation(AGENT, ADMIN)));
                }
                paths.put(path + "/grants", new JsonObject().put("get", operation(READER, AGENT, ADMIN)));
                paths.put(path + "/admin/dead-letters", new JsonObject().put("get", operation(ADMIN)));
            }
            case "monitoring" -> {
                // monitoring tools post alerts and nothing else; everyone else never posts them (admins may, to test)
                String base = "/api/v1/monitoring";
                paths.put(base + "/alertmanager", new JsonObject().put("post", operation(EVENT_SOURCE, ADMIN)));
                paths.put(base + "/events", new JsonObject().put("post", operation(EVENT_SOURCE, ADMIN)));
                String[] readers = { READER, AGENT, ADMIN };
                paths.put(path, new JsonObject().put("get", secured(get, readers)));
                paths.put(item, new JsonObject().put("get", operation(readers)));
                for (String command : new String[] { "acknowledge", "suppress", "unsuppress" }) {
                    paths.put(item + "/" + command, new JsonObject().put("post", operation(AGENT, ADMIN)));
                }
                paths.put(base + "/alert-groups", new JsonObject().put("get", operation(readers)));
                paths.put(base + "/alert-groups/{id}", new JsonObject().put("get", operation(readers)));
                paths.put(base + "/alert-groups/{id}/alerts", new JsonObject().put("get", operation(readers)));
                // alert rules: integration admins (and admins) write them, agents and readers read them
                String[] ruleReaders = { READER, AGENT, INTEGRATION_ADMIN, ADMIN };
                paths.put(base + "/rules", new JsonObject().put("get", operation(ruleReaders))
                        .put("post", operation(INTEGRATION_ADMIN, ADMIN)));
                paths.put(base + "/rules/{id}", new JsonObject().put("get", operation(ruleReaders))
                        .put("put", operation(INTEGRATION_ADMIN, ADMIN)).put("patch", operation(INTEGRATION_ADMIN, ADMIN))
                        .put("delete", operation(INTEGRATION_ADMIN, ADMIN)));
                paths.put(base + "/rules/{id}/versions", new JsonObject().put("get", operation(ruleReaders)));
                paths.put(base + "/admin/intake", new JsonObject().put("get", operation(ADMIN)));
                paths.put(base + "/admin/dead-letters", new JsonObject().put("get", operation(ADMIN)));
            }
            case "webhook" -> {
                // subscriptions name outbound URLs and carry secrets: integration admins (and admins) only, reads too
                paths.put(path, new JsonObject().put("get", secured(get, INTEGRATION_ADMIN, ADMIN))
                        .put("post", operation(INTEGRATION_ADMIN, ADMIN)));
                paths.put(item, new JsonObject().put("get", operation(INTEGRATION_ADMIN, ADMIN))
                        .put("patch", operation(INTEGRATION_ADMIN, ADMIN)).put("delete", operation(INTEGRATION_ADMIN, ADMIN)));
                paths.put(item + "/rotate-secret", new JsonObject().put("post", operation(INTEGRATION_ADMIN, ADMIN)));
            }
            default -> paths.put(path, new JsonObject().put("get", get));
        }
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", name + "-service").put("version", "1.0"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", name)))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas",
                        new JsonObject().put("Problem", problem).put("Summary", summary)));
    }

    private static JsonObject operation(String... roles) {
        return secured(new JsonObject().put("responses", new JsonObject()
                .put("200", new JsonObject().put("description", "OK"))), roles);
    }

    private static JsonObject secured(JsonObject operation, String... roles) {
        JsonArray allowed = new JsonArray();
        for (String role : roles) {
            allowed.add(role);
        }
        return operation.put("security", new JsonArray().add(new JsonObject().put("SecurityScheme", allowed)));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
