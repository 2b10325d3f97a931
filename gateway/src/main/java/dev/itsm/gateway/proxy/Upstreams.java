package dev.itsm.gateway.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.itsm.gateway.GatewayConfig;
import io.vertx.core.Vertx;

/** All configured upstreams; a path goes to the one with the longest matching prefix. */
@ApplicationScoped
public class Upstreams {

    private final Map<String, Upstream> byName = new TreeMap<>();
    private final List<Upstream> byPrefixLength = new ArrayList<>();

    public Upstreams(GatewayConfig config, Vertx vertx) {
        long maxBody = config.maxBodySize().asLongValue();
        config.upstreams().forEach((name, upstream) -> byName.put(name, new Upstream(name, upstream,
                upstream.maxBodySize().map(own -> Math.min(own.asLongValue(), maxBody)).orElse(maxBody), vertx)));
        byPrefixLength.addAll(byName.values());
        byPrefixLength.sort(Comparator.comparingInt((Upstream u) -> u.prefix().length()).reversed());
    }

    public Optional<Upstream> route(String path) {
        for (Upstream upstream : byPrefixLength) {
            if (upstream.matches(path)) {
                return Optional.of(upstream);
            }
        }
        return Optional.empty();
    }

    public Optional<Upstream> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** By name, alphabetically. */
    public List<Upstream> all() {
        return List.copyOf(byName.values());
    }
}
