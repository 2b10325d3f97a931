package dev.itsm.gateway;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.itsm.gateway.proxy.Upstream;
import dev.itsm.gateway.proxy.UpstreamInstance;
import dev.itsm.gateway.proxy.Upstreams;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * One readiness check per upstream ({@code upstream-<name>}) in {@code /q/health/ready}: the
 * upstream's own readiness endpoint is probed (each instance's, when there are several) and reported
 * with its URL(s), how many instances are ready and its circuit state.
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

    /** Every instance is probed; the upstream is UP when one of them is ready. */
    private Uni<HealthCheckResponse> probe(Upstream upstream) {
        long timeout = config.health().probeTimeout().toMillis();
        boolean require = config.health().requireUpstreams();
        List<UpstreamInstance> instances = upstream.instances().all();
        List<Future<String>> probes = new ArrayList<>(instances.size());
        for (UpstreamInstance instance : instances) {
            probes.add(upstream.get(instance, upstream.config().healthPath(), timeout)
                    .compose(response -> response.body().map(body -> "HTTP " + response.statusCode()))
                    .otherwise(failure -> failure.getClass().getSimpleName() + ": " + failure.getMessage()));
        }
        return Uni.createFrom().completionStage(Future.join(probes).toCompletionStage())
                .map(ignored -> {
                    int up = 0;
                    List<String> details = new ArrayList<>(instances.size());
                    for (int i = 0; i < instances.size(); i++) {
                        String detail = probes.get(i).result();
                        up += "HTTP 200".equals(detail) ? 1 : 0;
                        details.add(instances.size() == 1 ? detail : instances.get(i).url() + " " + detail);
                    }
                    return response(upstream, up > 0, up + "/" + instances.size(), String.join(", ", details), require);
                });
    }

    private static HealthCheckResponse response(Upstream upstream, boolean up, String instancesUp, String detail,
            boolean require) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstream-" + upstream.name())
                .status(up || !require)
                .withData("upstream", up ? "UP" : "DOWN")
                .withData("url", upstream.url())
                // instances ready / configured (a comma-separated url is several instances of the service)
                .withData("instances", instancesUp)
                .withData("prefix", upstream.prefix())
                .withData("circuit", upstream.breaker().state().name())
                // 0 until the service's OpenAPI document was read: its role rules are then left to the service
                .withData("roleRules", upstream.policy().knownOperations())
                .withData("probe", detail);
        return builder.build();
    }
}
