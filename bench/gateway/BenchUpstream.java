import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Stand-in services for the benchmark and the browser check (run with the gateway's own Vert.x on
 * the class path: {@code java -cp "target/quarkus-app/lib/main/*" bench/BenchUpstream.java
 * incident:18081 change:18082 …}). Each answers {@code GET /api/v1/**} with the same ~1 KiB JSON
 * body a service's single-resource GET returns, serves a small OpenAPI document at
 * {@code /q/openapi}, readiness at {@code /q/health/ready} and (incident) {@code /asyncapi.yaml}.
 */
public class BenchUpstream {

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Buffer body = Buffer.buffer(new JsonObject()
                .put("id", "7c1e5b6a-8f3e-4b2a-9d51-0f4c2e8a1b77").put("number", "INC0001001")
                .put("title", "E-mail is down for the whole finance department on floor 3")
                .put("description", "x".repeat(600)).put("state", "IN_PROGRESS").put("priority", "P2")
                .put("impact", "HIGH").put("urgency", "MEDIUM").put("assignmentGroup", "service-desk")
                .put("openedAt", "2026-11-27T09:30:00Z").put("version", 3).encode());
        for (String arg : args) {
            String name = arg.substring(0, arg.indexOf(':'));
            int port = Integer.parseInt(arg.substring(arg.indexOf(':') + 1));
            Buffer openapi = openApi(name).toBuffer();
            for (int i = 0; i < 2; i++) {
                vertx.createHttpServer().requestHandler(request -> {
                    String path = request.path();
                    if (path.startsWith("/q/openapi")) {
                        request.response().putHeader("Content-Type", "application/json").end(openapi);
                    } else if (path.equals("/q/health/ready")) {
                        request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
                    } else if (path.equals("/asyncapi.yaml") && name.equals("incident")) {
                        request.response().putHeader("Content-Type", "application/yaml")
                                .end("asyncapi: 3.0.0\ninfo:\n  title: incident-service events\n  version: 1.0.0\n");
                    } else if (path.startsWith("/api/")) {
                        request.response().putHeader("Content-Type", "application/json").putHeader("ETag", "\"3\"").end(body);
                    } else {
                        request.response().setStatusCode(404).end();
                    }
                }).listen(port, "127.0.0.1").onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
            }
            System.out.println(name + " listening on " + port);
        }
    }

    static JsonObject openApi(String name) {
        String base = switch (name) {
            case "incident" -> "/api/v1/incidents";
            case "change" -> "/api/v1/changes";
            case "catalog" -> "/api/v1/catalog/services";
            case "webhook" -> "/api/v1/webhooks/subscriptions";
            case "problem" -> "/api/v1/problems";
            case "request" -> "/api/v1/requests";
            case "monitoring" -> "/api/v1/monitoring/alerts";
            default -> "/api/v1/sla/agreements";
        };
        String tag = name.substring(0, 1).toUpperCase() + name.substring(1);
        JsonObject problem = new JsonObject().put("$ref", "#/components/schemas/Problem");
        JsonObject list = new JsonObject().put("tags", new JsonArray().add(tag)).put("summary", "List " + name + " items")
                .put("operationId", "list" + tag)
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "A page"))
                        .put("401", new JsonObject().put("description", "No token").put("content", new JsonObject()
                                .put("application/problem+json", new JsonObject().put("schema", problem)))));
        JsonObject get = new JsonObject().put("tags", new JsonArray().add(tag)).put("summary", "Get one " + name + " item")
                .put("operationId", "get" + tag)
                .put("parameters", new JsonArray().add(new JsonObject().put("name", "id").put("in", "path")
                        .put("required", true).put("schema", new JsonObject().put("type", "string"))))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "The item")));
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", name + "-service").put("version", "1.0"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", tag)))
                .put("paths", new JsonObject().put(base, new JsonObject().put("get", list))
                        .put(base + "/{id}", new JsonObject().put("get", get)))
                .put("components", new JsonObject().put("schemas", new JsonObject().put("Problem",
                        new JsonObject().put("type", "object").put("properties", new JsonObject()
                                .put("type", new JsonObject().put("type", "string"))
                                .put("status", new JsonObject().put("type", "integer"))))));
    }
}
