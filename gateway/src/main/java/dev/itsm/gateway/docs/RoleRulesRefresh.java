package dev.itsm.gateway.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.itsm.gateway.GatewayConfig;
import dev.itsm.gateway.proxy.Upstream;
import dev.itsm.gateway.proxy.Upstreams;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Keeps each upstream's role rules (its access policy) in step with the service's OpenAPI document:
 * at start-up and every {@code gateway.docs.refresh-every} the documents are asked for again — a
 * document still within {@code cache-for} is not refetched, one that could not be read yet is tried
 * on every round — so a service that starts after the gateway, or comes back with new operations,
 * is known within one round. Until then the gateway forwards and the service decides alone.
 */
@ApplicationScoped
public class RoleRulesRefresh {

    private final ApiDocs docs;
    private final Upstreams upstreams;
    private final Vertx vertx;
    private final long everyMillis;

    public RoleRulesRefresh(ApiDocs docs, Upstreams upstreams, Vertx vertx, GatewayConfig config) {
        this.docs = docs;
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.everyMillis = Math.max(1, config.docs().refreshEvery().toMillis());
    }

    void start(@Observes StartupEvent started) {
        vertx.setPeriodic(1, everyMillis, id -> refresh());
    }

    private void refresh() {
        for (Upstream upstream : upstreams.all()) {
            // failures are logged by ApiDocs and retried next round; the last rules learnt stay in force
            docs.openApi(upstream);
        }
    }
}
