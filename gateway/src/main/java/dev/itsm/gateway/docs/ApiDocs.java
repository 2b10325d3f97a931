package dev.itsm.gateway.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.itsm.gateway.GatewayConfig;
import dev.itsm.gateway.Problems;
import dev.itsm.gateway.proxy.Origins;
import dev.itsm.gateway.proxy.Upstream;
import dev.itsm.gateway.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * API documentation through the gateway: {@code /openapi} (all services merged),
 * {@code /openapi/<service>} (one service's document, pointed at the gateway) and
 * {@code /asyncapi/<service>.yaml} (the service's AsyncAPI document, streamed through when the
 * service publishes one). Upstream documents are fetched on demand — from whichever instance of the
 * service answers — and reused for a short while.
 */
@ApplicationScoped
public class ApiDocs {

    private static final Logger LOG = Logger.getLogger(ApiDocs.class);
    private static final String JSON = "application/json";

    private final Upstreams upstreams;
    private final long cacheNanos;
    private final long fetchTimeoutMillis;
    private final String title;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(JsonObject document, long fetchedAt) {
    }

    public ApiDocs(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.cacheNanos = config.docs().cacheFor().toNanos();
        this.fetchTimeoutMillis = config.docs().fetchTimeout().toMillis();
        this.title = config.docs().title();
    }

    /** GET /openapi — the merged document. */
    public void merged(RoutingContext rc) {
        List<Upstream> all = upstreams.all();
        List<Future<JsonObject>> fetches = new ArrayList<>();
        for (Upstream upstream : all) {
            fetches.add(openApi(upstream).otherwise((JsonObject) null));
        }
        Future.join(fetches).onComplete(ignored -> {
            Map<String, JsonObject> documents = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                JsonObject document = fetches.get(i).result();
                if (document == null) {
                    unavailable.add(all.get(i).name());
                } else {
                    documents.put(all.get(i).name(), document);
                }
            }
            JsonObject merged = OpenApiMerger.merge(documents, unavailable, title, origin(rc));
            json(rc.response(), merged);
        });
    }

    /** GET /openapi/:service — one service's document, servers = the gateway. */
    public void service(RoutingContext rc) {
        String name = rc.pathParam("service");
        Optional<Upstream> upstream = upstreams.byName(name);
        if (upstream.isEmpty()) {
            Problems.send(rc.response(), "not-found", "Not found", 404, "No service named " + name, rc.request().path());
            return;
        }
        openApi(upstream.get()).onComplete(ar -> {
            if (ar.succeeded()) {
                json(rc.response(), OpenApiMerger.throughGateway(ar.result(), origin(rc)));
            } else {
                Problems.send(rc.response(), "upstream-unavailable", "Upstream unavailable", 503,
                        "The OpenAPI document of " + name + " cannot be fetched: " + ar.cause().getMessage(),
                        rc.request().path());
            }
        });
    }

    /** GET /asyncapi/:service.yaml — streamed from the service, 404 when it publishes none. */
    public void asyncapi(RoutingContext rc) {
        String file = rc.pathParam("file");
        String name = file.replaceFirst("\\.(yaml|yml)$", "");
        Optional<Upstream> found = upstreams.byName(name);
        String instance = rc.request().path();
        if (found.isEmpty() || name.equals(file)) {
            Problems.send(rc.response(), "not-found", "Not found", 404,
                    "No AsyncAPI document " + file + " (use /asyncapi/<service>.yaml)", instance);
            return;
        }
        Upstream upstream = found.get();
        HttpServerResponse response = rc.response();
        upstream.getFromAny(upstream.config().asyncapiPath(), fetchTimeoutMillis)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        Problems.send(response, "upstream-unavailable", "Upstream unavailable", 503,
                                "The " + name + " service cannot be reached", instance);
                        return;
                    }
                    HttpClientResponse upstreamResponse = ar.result();
                    if (upstreamResponse.statusCode() != 200) {
                        upstreamResponse.resume();
                        Problems.send(response, "not-found", "Not found", 404,
                                "The " + name + " service does not publish an AsyncAPI document", instance);
                        return;
                    }
                    response.setStatusCode(200).putHeader("Content-Type", "application/yaml");
                    String length = upstreamResponse.getHeader("Content-Length");
                    if (length != null) {
                        response.putHeader("Content-Length", length);
                    } else {
                        response.setChunked(true);
                    }
                    upstreamResponse.pipeTo(response);
                });
    }

    /**
     * The upstream's OpenAPI document, reused for {@code cache-for}. Each fetched document also
     * gives the upstream's access policy its role rules, so the rules are the service's current ones.
     */
    Future<JsonObject> openApi(Upstream upstream) {
        Cached cached = cache.get(upstream.name());
        if (cached != null && System.nanoTime() - cached.fetchedAt() < cacheNanos) {
            return Future.succeededFuture(cached.document());
        }
        return upstream.getFromAny(upstream.config().openapiPath(), fetchTimeoutMillis)
                .compose(response -> response.body().compose(body -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("HTTP " + response.statusCode());
                    }
                    return Future.succeededFuture(parse(body));
                }))
                .onSuccess(document -> {
                    cache.put(upstream.name(), new Cached(document, System.nanoTime()));
                    upstream.policy().learn(document);
                })
                .recover(failure -> {
                    LOG.debugf("OpenAPI document of %s not available: %s", upstream.name(), failure.getMessage());
                    return cached != null ? Future.succeededFuture(cached.document()) : Future.failedFuture(failure);
                });
    }

    private static JsonObject parse(Buffer body) {
        return body.toJsonObject();
    }

    private static String origin(RoutingContext rc) {
        return Origins.publicOrigin(rc.request());
    }

    private static void json(HttpServerResponse response, JsonObject body) {
        Buffer buffer = body.toBuffer();
        response.setStatusCode(200)
                .putHeader("Content-Type", JSON)
                .putHeader("Cache-Control", "no-cache")
                .end(buffer);
    }
}
