package dev.itsm.gateway.proxy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.itsm.gateway.GatewayConfig;
import dev.itsm.gateway.security.AccessPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyOptions;

/**
 * One service behind the gateway: its prefix, its instances (round-robin, passive health), its
 * pooled HTTP clients, the vertx-http-proxy reverse proxy that streams requests and responses, its
 * circuit breaker and its access policy (learnt from the service's OpenAPI document).
 */
public final class Upstream {

    /** The {@link Attempts} of one proxied exchange, kept in its {@link ProxyContext}. */
    static final String ATTEMPTS = "gateway.attempts";

    private final String name;
    private final String prefix;
    private final GatewayConfig.Upstream config;
    private final UpstreamInstances instances;
    /** The only instance, when there is one; null when there are several. */
    private final UpstreamInstance single;
    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    /** Used off the event loops (health probes, docs at start-up). */
    private final HttpClient client;
    /**
     * One client (and connection pool) per event loop: a request received on an event loop is
     * forwarded over connections owned by the same event loop, with no hand-over between threads.
     */
    private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();
    private final HttpProxy proxy;
    private final CircuitBreaker breaker;
    private final AccessPolicy policy;
    private final long maxBodySize;

    public Upstream(String name, GatewayConfig.Upstream config, long maxBodySize, Vertx vertx) {
        this.name = name;
        this.config = config;
        this.maxBodySize = maxBodySize;
        this.prefix = stripTrailingSlash(config.prefix());
        this.instances = new UpstreamInstances(UpstreamInstances.parse(config.url(), config.connectTimeout().toMillis(),
                config.timeout().toMillis()), config.downFor(), System::nanoTime);
        this.single = instances.all().size() == 1 ? instances.all().get(0) : null;
        this.breaker = new CircuitBreaker(config.circuitBreaker().failureThreshold(), config.circuitBreaker().openFor());
        this.policy = new AccessPolicy();
        this.vertx = vertx;
        boolean ssl = instances.all().stream().anyMatch(i -> i.url().regionMatches(true, 0, "https:", 0, 6));
        this.clientOptions = new HttpClientOptions()
                .setSsl(ssl)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) config.connectTimeout().toMillis());
        this.poolOptions = new PoolOptions().setHttp1MaxSize(config.maxConnections())
                // bounded: past it a request is refused at once (503 overloaded) instead of queueing until the
                // timeout makes it a 504 whose outcome the client cannot know
                .setMaxWaitQueueSize(config.maxWaiting());
        this.client = vertx.createHttpClient(clientOptions, poolOptions);
        this.proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(this::connect)
                .addInterceptor(new ForwardingInterceptor(this, maxBodySize));
    }

    /**
     * The connection for (the next attempt of) a proxied request: the next instance in the
     * exchange's order. A connection that cannot be established means nothing was sent, so the
     * next instance is tried whatever the method; the instance that refused is marked down.
     */
    private Future<HttpClientRequest> connect(ProxyContext ctx) {
        if (single != null) {
            // one instance: nothing to choose, nothing to retry, no per-exchange bookkeeping
            ctx.request().setAuthority(single.authority());
            return client().request(single.proxyOptions());
        }
        Attempts attempts = ctx.get(ATTEMPTS, Attempts.class);
        if (attempts == null) {
            attempts = new Attempts(instances.forRequest());
            ctx.set(ATTEMPTS, attempts);
        }
        return connect(ctx, attempts, client());
    }

    private Future<HttpClientRequest> connect(ProxyContext ctx, Attempts attempts, HttpClient http) {
        UpstreamInstance instance = attempts.next();
        ctx.request().setAuthority(instance.authority());
        return http.request(instance.proxyOptions()).transform(ar -> {
            if (ar.succeeded()) {
                return Future.succeededFuture(ar.result());
            }
            if (!(ar.cause() instanceof ConnectionPoolTooBusyException)) {
                instances.refused(instance); // a full queue says the instance is busy, not down
            }
            return attempts.hasNext() ? connect(ctx, attempts, http) : Future.failedFuture(ar.cause());
        });
    }

    /**
     * A gateway-initiated {@code GET path} (API documents), answered by whichever instance answers:
     * the instances are tried in preference order until one responds (a GET may always be repeated).
     */
    public Future<HttpClientResponse> getFromAny(String path, long timeoutMillis) {
        return getFrom(instances.inPreferenceOrder(), 0, path, timeoutMillis);
    }

    private Future<HttpClientResponse> getFrom(List<UpstreamInstance> order, int index, String path, long timeoutMillis) {
        UpstreamInstance instance = order.get(index);
        return get(instance, path, timeoutMillis).recover(failure -> index + 1 < order.size()
                ? getFrom(order, index + 1, path, timeoutMillis)
                : Future.failedFuture(failure));
    }

    /** {@code GET path} on one instance (readiness probes ask each instance). */
    public Future<HttpClientResponse> get(UpstreamInstance instance, String path, long timeoutMillis) {
        return client().request(instance.get(path, timeoutMillis))
                .onFailure(refused -> instances.refused(instance))
                .compose(HttpClientRequest::send)
                .onSuccess(answered -> instances.answered(instance));
    }

    /** The proxied exchange's instance answered (or refused): its passive health follows. */
    void answered(ProxyContext ctx) {
        if (single != null) {
            return;
        }
        Attempts attempts = ctx.get(ATTEMPTS, Attempts.class);
        if (attempts != null && attempts.current() != null) {
            instances.answered(attempts.current());
        }
    }

    /** True when {@code path} is this upstream's prefix or below it. */
    public boolean matches(String path) {
        return path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    private static String stripTrailingSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public String name() {
        return name;
    }

    /** The largest request body forwarded to this service: its own limit, else the gateway's. */
    public long maxBodySize() {
        return maxBodySize;
    }

    public String prefix() {
        return prefix;
    }

    /** The configured URL(s), comma-separated as given. */
    public String url() {
        return config.url();
    }

    public UpstreamInstances instances() {
        return instances;
    }

    public GatewayConfig.Upstream config() {
        return config;
    }

    /** The HTTP client for the calling thread: its event loop's own, or a shared one elsewhere. */
    public HttpClient client() {
        if (!Context.isOnEventLoopThread()) {
            return client;
        }
        HttpClient mine = perEventLoop.get(Thread.currentThread());
        if (mine == null) {
            mine = perEventLoop.computeIfAbsent(Thread.currentThread(), t -> vertx.createHttpClient(clientOptions, poolOptions));
        }
        return mine;
    }

    public HttpProxy proxy() {
        return proxy;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public AccessPolicy policy() {
        return policy;
    }

    /** The instances one proxied exchange tries, in order, each at most once. */
    static final class Attempts {

        private final List<UpstreamInstance> order;
        private int next;

        Attempts(List<UpstreamInstance> order) {
            this.order = order;
        }

        UpstreamInstance next() {
            return order.get(next++);
        }

        boolean hasNext() {
            return next < order.size();
        }

        /** The instance of the latest attempt. */
        UpstreamInstance current() {
            return next == 0 ? null : order.get(next - 1);
        }
    }
}
