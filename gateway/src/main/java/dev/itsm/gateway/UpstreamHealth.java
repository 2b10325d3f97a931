package dev.itsm.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.itsm.gateway.proxy.Upstream;
import dev.itsm.gateway.proxy.Upstreams;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.mutiny.Uni;

/**
 * One readiness check per upstream ({@code upstream-<name>}) in {@code /q/health/ready}: the
 * upstream's own readiness endpoint is probed and reported with its URL and circuit state.
 */
@ApplicationScoped
public class UpstreamHealth {

    private final Upstreams upstreams;
    private final HealthRegistry readiness;
    private final GatewayConfig config;

    public UpstreamHealth(Upstreams upstreams, @Readiness HealthRegistry readiness, GatewayConfig config) {
        this.upstreams = upstreams;
        this.readiness = readiness;
        this.config = config;
    }

    void register(@Observes StartupEvent started) {
        for (Upstream upstream : upstreams.all()) {
            readiness.register("upstream-" + upstream.name(), () -> probe(upstream));
        }
    }

    private Uni<HealthCheckResponse> probe(Upstream upstream) {
        long timeout = config.health().probeTimeout().toMillis();
        boolean require = config.health().requireUpstreams();
        var probe = upstream.client().request(upstream.get(upstream.config().healthPath(), timeout))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()));
        return Uni.createFrom().completionStage(probe.toCompletionStage())
                .map(status -> response(upstream, status == 200, "HTTP " + status, require))
                .onFailure().recoverWithItem(failure -> response(upstream, false,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage(), require));
    }

    private static HealthCheckResponse response(Upstream upstream, boolean up, String detail, boolean require) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstream-" + upstream.name())
                .status(up || !require)
                .withData("upstream", up ? "UP" : "DOWN")
                .withData("url", upstream.url())
                .withData("prefix", upstream.prefix())
                .withData("circuit", upstream.breaker().state().name())
                // 0 until the service's OpenAPI document was read: its role rules are then left to the service
                .withData("roleRules", upstream.policy().knownOperations())
                .withData("probe", detail);
        return builder.build();
    }
}
