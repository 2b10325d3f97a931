package dev.itsm.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway can be told, under the {@code gateway.} prefix. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * The services behind the gateway, by name (incident, change, catalog, sla, problem, request,
     * monitoring, webhook).
     */
    Map<String, Upstream> upstreams();

    /**
     * Largest request body the gateway forwards; a larger declared {@code Content-Length} (or a
     * chunked body that grows past it) is answered with {@code 413} problem+json.
     */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /** Per-client request budget. */
    RateLimit rateLimit();

    /** Bearer token checks. */
    Auth auth();

    /** API documentation aggregation. */
    Docs docs();

    /** Readiness reporting. */
    Health health();

    /** One service behind the gateway. */
    interface Upstream {

        /**
         * Base URL of the service, e.g. {@code http://incident-service:8080}, or the base URLs of
         * several instances of it, comma-separated ({@code http://127.0.0.1:8081,http://127.0.0.1:9081}):
         * requests are spread round-robin over them.
         */
        String url();

        /**
         * Passive health: an instance that refused a connection is tried only after the others for
         * this long (then it takes its turn again; an answer clears the mark at once).
         */
        @WithDefault("2s")
        Duration downFor();

        /** Path prefix routed to this service, e.g. {@code /api/v1/incidents}. */
        String prefix();

        /**
         * A lower request body limit for this service than {@code gateway.max-body-size} (a higher one
         * has no effect): set it to the service's own HTTP server limit, above which the service could
         * only answer a bare {@code 413} — the gateway answers a {@code 413} problem instead.
         */
        Optional<MemorySize> maxBodySize();

        /**
         * Time the upstream may stay silent (no response bytes) before the gateway gives up with
         * {@code 504}.
         */
        @WithDefault("10s")
        Duration timeout();

        /** Time to establish a TCP connection before the gateway answers {@code 503}. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Pooled keep-alive connections to this upstream, per event loop. */
        @WithDefault("64")
        int maxConnections();

        /**
         * Requests that may wait for one of those connections, per event loop; one more is answered {@code 503}
         * {@code overloaded} with {@code Retry-After} at once, without being sent.
         */
        @WithDefault("64")
        int maxWaiting();

        /** Where the service serves its OpenAPI document. */
        @WithDefault("/q/openapi?format=json")
        String openapiPath();

        /** Where the service serves its AsyncAPI document (skipped when it answers 404). */
        @WithDefault("/asyncapi.yaml")
        String asyncapiPath();

        /** Where the service reports readiness. */
        @WithDefault("/q/health/ready")
        String healthPath();

        /** Circuit breaker settings. */
        CircuitBreakerConfig circuitBreaker();
    }

    /** Consecutive transport failures open the circuit; it half-opens after {@code open-for}. */
    interface CircuitBreakerConfig {

        /** Consecutive failures (refused connection, timeout, reset) that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers {@code 503} without trying the upstream. */
        @WithDefault("10s")
        Duration openFor();
    }

    /** Token-bucket budget per client (token subject; client IP for anonymous calls). */
    interface RateLimit {

        /** Switch rate limiting off entirely (benchmarks). */
        @WithDefault("true")
        boolean enabled();

        /** Requests a client may make per {@link #period()} (also the burst size). */
        @WithDefault("600")
        long capacity();

        /** Period over which {@link #capacity()} is refilled, greedily. */
        @WithDefault("1m")
        Duration period();

        /** Most clients tracked at once; idle buckets are dropped beyond that. */
        @WithDefault("100000")
        int maxClients();
    }

    /** Bearer token verification (key and issuer are the {@code mp.jwt.verify.*} keys). */
    interface Auth {

        /** Verified tokens remembered (until they expire) so each one is checked once. */
        @WithDefault("10000")
        int cacheSize();
    }

    /** Aggregated documentation. */
    interface Docs {

        /** How long a fetched/merged OpenAPI document is reused before upstreams are asked again. */
        @WithDefault("30s")
        Duration cacheFor();

        /**
         * How often the upstreams' OpenAPI documents are looked at again (each refetched once its
         * {@link #cacheFor()} has passed, at once while none has been read): they carry the role
         * rules, so a service that (re)appears with new operations is known within this period.
         */
        @WithDefault("10s")
        Duration refreshEvery();

        /** Time allowed for fetching one upstream document. */
        @WithDefault("3s")
        Duration fetchTimeout();

        /** Title of the merged document. */
        @WithDefault("ITSM API")
        String title();
    }

    /** Readiness. */
    interface Health {

        /**
         * When true the gateway's readiness is DOWN while any upstream is down; when false each
         * upstream is still reported (data {@code upstream=DOWN}) but the gateway stays ready.
         */
        @WithDefault("false")
        boolean requireUpstreams();

        /** Time allowed for one upstream readiness probe. */
        @WithDefault("2s")
        Duration probeTimeout();
    }
}
