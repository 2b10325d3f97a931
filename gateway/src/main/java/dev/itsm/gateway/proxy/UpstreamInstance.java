package dev.itsm.gateway.proxy;

import java.net.URI;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * One running copy of a service behind the gateway (one entry of the comma-separated
 * {@code gateway.upstreams.<name>.url}), with its passive health: an instance that refused a
 * connection is marked down for a while and tried last until then.
 */
public final class UpstreamInstance {

    private final String url;
    private final String origin;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final HostAndPort authority;
    /** Built once: every proxied request to this instance connects with the same options. */
    private final RequestOptions proxyOptions;
    private final long connectTimeoutMillis;
    /** {@code System.nanoTime()}-based instant until which the instance counts as down; 0 while up. */
    private volatile long downUntil;

    UpstreamInstance(String url, long connectTimeoutMillis, long idleTimeoutMillis) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        this.url = url;
        this.ssl = "https".equalsIgnoreCase(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        this.origin = uri.getScheme() + "://" + uri.getRawAuthority();
        this.authority = HostAndPort.create(host, port);
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.proxyOptions = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(port, host))
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(idleTimeoutMillis);
    }

    /** The URL as configured. */
    public String url() {
        return url;
    }

    /** {@code scheme://host:port} as configured: the text rewritten to the gateway's origin in Location/Link. */
    public String origin() {
        return origin;
    }

    /** The {@code Host} sent to this instance. */
    HostAndPort authority() {
        return authority;
    }

    RequestOptions proxyOptions() {
        return proxyOptions;
    }

    /** Options for a gateway-initiated GET of {@code path} (docs, health) allowed {@code timeoutMillis}. */
    RequestOptions get(String path, long timeoutMillis) {
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path)
                .setConnectTimeout(Math.min(timeoutMillis, connectTimeoutMillis))
                .setIdleTimeout(timeoutMillis);
    }

    boolean isDown(long nowNanos) {
        long until = downUntil;
        return until != 0 && nowNanos - until < 0;
    }

    void markDown(long nowNanos, long forNanos) {
        long until = nowNanos + forNanos;
        downUntil = until == 0 ? 1 : until;
    }

    void markUp() {
        if (downUntil != 0) {
            downUntil = 0;
        }
    }

    @Override
    public String toString() {
        return url;
    }
}
