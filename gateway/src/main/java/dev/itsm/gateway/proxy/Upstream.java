package dev.itsm.gateway.proxy;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.itsm.gateway.GatewayConfig;
import dev.itsm.gateway.security.AccessPolicy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyOptions;

/**
 * One service behind the gateway: its prefix, its pooled HTTP client, the vertx-http-proxy
 * reverse proxy that streams requests and responses, its circuit breaker and its access policy
 * (learnt from the service's OpenAPI document).
 */
public final class Upstream {

    private final String name;
    private final String prefix;
    private final URI url;
    private final String origin;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final GatewayConfig.Upstream config;
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

    public Upstream(String name, GatewayConfig.Upstream config, long maxBodySize, Vertx vertx) {
        this.name = name;
        this.config = config;
        this.prefix = stripTrailingSlash(config.prefix());
        this.url = URI.create(config.url());
        this.ssl = "https".equalsIgnoreCase(url.getScheme());
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : (ssl ? 443 : 80);
        this.origin = url.getScheme() + "://" + url.getRawAuthority();
        this.breaker = new CircuitBreaker(config.circuitBreaker().failureThreshold(), config.circuitBreaker().openFor());
        this.policy = new AccessPolicy();
        this.vertx = vertx;
        this.clientOptions = new HttpClientOptions()
                .setSsl(ssl)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) config.connectTimeout().toMillis());
        this.poolOptions = new PoolOptions().setHttp1MaxSize(config.maxConnections()).setMaxWaitQueueSize(-1);
        this.client = vertx.createHttpClient(clientOptions, poolOptions);
        SocketAddress address = SocketAddress.inetSocketAddress(port, host);
        OriginRequestProvider originWithTimeouts = ctx -> client().request(requestOptions(address));
        this.proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(originWithTimeouts)
                .addInterceptor(new ForwardingInterceptor(this, maxBodySize));
    }

    private RequestOptions requestOptions(SocketAddress address) {
        return new RequestOptions()
                .setServer(address)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.timeout().toMillis());
    }

    /** Options for a gateway-initiated GET to {@code path} (docs, health), with {@code timeoutMillis}. */
    public RequestOptions get(String path, long timeoutMillis) {
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path)
                .setConnectTimeout(Math.min(timeoutMillis, config.connectTimeout().toMillis()))
                .setIdleTimeout(timeoutMillis);
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

    public String prefix() {
        return prefix;
    }

    /** {@code scheme://host:port} of the upstream as configured, the text rewritten in Location/Link. */
    public String origin() {
        return origin;
    }

    public String url() {
        return url.toString();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
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
}
