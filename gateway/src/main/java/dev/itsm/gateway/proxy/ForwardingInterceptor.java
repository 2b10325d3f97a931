package dev.itsm.gateway.proxy;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import dev.itsm.gateway.Problems;
import dev.itsm.gateway.security.NormalizedPath;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * What the gateway does around each proxied exchange, on top of vertx-http-proxy's streaming and
 * hop-by-hop header handling:
 * <ul>
 * <li>request: the normalised path, {@code X-Forwarded-For/-Proto/-Host/-Port/-Prefix} and RFC 7239
 * {@code Forwarded} appended, {@code Host} set to the upstream, chunked bodies counted against the
 * size limit;</li>
 * <li>failure: refused/unreachable → 503, silent for longer than the timeout → 504, anything else
 * → 502, each as problem+json, and counted by the circuit breaker;</li>
 * <li>response: {@code Location}, {@code Content-Location} and {@code Link} pointing at the
 * upstream rewritten to the gateway's own origin.</li>
 * </ul>
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    private static final String TOO_LARGE = "gateway.bodyTooLarge";
    private static final List<String> REWRITTEN = List.of("Location", "Content-Location", "Link");
    /** RFC 9110 §7.6.1 connection-specific fields (Transfer-Encoding is the proxy's business). */
    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection",
            "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Upgrade");

    private final Upstream upstream;
    private final long maxBodySize;

    ForwardingInterceptor(Upstream upstream, long maxBodySize) {
        this.upstream = upstream;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
        ProxyRequest request = ctx.request();
        HttpServerRequest incoming = request.proxiedRequest();
        removeHopByHop(request.headers(), incoming.getHeader("Connection"));
        addForwardedHeaders(request.headers(), incoming);
        request.setAuthority(HostAndPort.create(upstream.host(), upstream.port()));
        request.setURI(normalizedUri(incoming));
        if (incoming.getHeader("Content-Length") == null && incoming.getHeader("Transfer-Encoding") != null) {
            Body body = request.getBody();
            request.setBody(Body.body(new LimitedReadStream(body.stream(), maxBodySize,
                    () -> ctx.set(TOO_LARGE, Boolean.TRUE)), -1));
        }
        return ctx.sendRequest().transform(ar -> {
            if (ar.succeeded()) {
                upstream.breaker().onSuccess();
                return Future.succeededFuture(ar.result());
            }
            String instance = incoming.path();
            if (Boolean.TRUE.equals(ctx.get(TOO_LARGE, Boolean.class))) {
                return Future.succeededFuture(problem(request, 413, "payload-too-large", "Payload too large",
                        "The request body exceeds " + maxBodySize + " bytes", instance).putHeader("Connection", "close"));
            }
            if (incoming.response().closed()) {
                // the client hung up while waiting (a load generator stopping, a browser tab closed): the proxy
                // then aborts the upstream exchange, which says nothing about the upstream's health
                return Future.failedFuture(ar.cause());
            }
            upstream.breaker().onFailure();
            Throwable cause = ar.cause();
            if (cause instanceof TimeoutException) {
                return Future.succeededFuture(problem(request, 504, "upstream-timeout", "Upstream timeout",
                        "The " + upstream.name() + " service did not answer within " + upstream.config().timeout().toMillis()
                                + " ms",
                        instance));
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return Future.succeededFuture(problem(request, 503, "upstream-unavailable", "Upstream unavailable",
                        "The " + upstream.name() + " service cannot be reached", instance).putHeader("Retry-After", "1"));
            }
            return Future.succeededFuture(problem(request, 502, "bad-gateway", "Bad gateway",
                    "The " + upstream.name() + " service closed the exchange unexpectedly", instance));
        });
    }

    /**
     * The path the gateway judged ({@link NormalizedPath}), so the service never reads another one;
     * the query goes through untouched. The routes refused every path that does not normalise.
     */
    private static String normalizedUri(HttpServerRequest incoming) {
        String path;
        try {
            path = NormalizedPath.of(incoming.path());
        } catch (NormalizedPath.RefusedPathException e) {
            throw new IllegalStateException("a refused path reached the proxy: " + incoming.path(), e);
        }
        String query = incoming.query();
        return query == null ? path : path + "?" + query;
    }

    private static ProxyResponse problem(ProxyRequest request, int status, String slug, String title, String detail,
            String instance) {
        Buffer body = Problems.buffer(slug, title, status, detail, instance);
        ProxyResponse response = request.release().response();
        response.headers().clear();
        return response.setStatusCode(status)
                .setStatusMessage(title)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .setBody(Body.body(body));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext ctx) {
        ProxyResponse response = ctx.response();
        MultiMap headers = response.headers();
        removeHopByHop(headers, headers.get("Connection"));
        String gatewayOrigin = Origins.publicOrigin(response.request().proxiedRequest());
        for (String name : REWRITTEN) {
            List<String> values = headers.getAll(name);
            if (values.isEmpty()) {
                continue;
            }
            boolean changed = false;
            String[] rewritten = new String[values.size()];
            for (int i = 0; i < rewritten.length; i++) {
                rewritten[i] = values.get(i).replace(upstream.origin(), gatewayOrigin);
                changed |= !rewritten[i].equals(values.get(i));
            }
            if (changed) {
                headers.remove(name);
                for (String value : rewritten) {
                    headers.add(name, value);
                }
            }
        }
        return ctx.sendResponse();
    }

    /** Drops the hop-by-hop fields and every field the {@code Connection} header names. */
    private static void removeHopByHop(MultiMap headers, String connection) {
        if (connection != null) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        for (String name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    private void addForwardedHeaders(MultiMap headers, HttpServerRequest incoming) {
        SocketAddress remote = incoming.remoteAddress();
        String clientIp = remote == null ? "unknown" : remote.hostAddress();
        String proto = incoming.scheme() == null ? "http" : incoming.scheme();
        String host = incoming.getHeader("Host");
        String xff = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", xff == null || xff.isBlank() ? clientIp : xff + ", " + clientIp);
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", proto);
        }
        if (host != null && !headers.contains("X-Forwarded-Host")) {
            headers.set("X-Forwarded-Host", host);
        }
        if (!headers.contains("X-Forwarded-Port")) {
            SocketAddress local = incoming.localAddress();
            if (local != null && local.port() > 0) {
                headers.set("X-Forwarded-Port", String.valueOf(local.port()));
            }
        }
        StringBuilder element = new StringBuilder("for=").append(forwardedNode(clientIp)).append(";proto=").append(proto);
        if (host != null) {
            element.append(";host=\"").append(host.replace("\"", "")).append('"');
        }
        String forwarded = headers.get("Forwarded");
        headers.set("Forwarded", forwarded == null || forwarded.isBlank() ? element.toString() : forwarded + ", " + element);
    }

    private static String forwardedNode(String ip) {
        return ip.indexOf(':') >= 0 ? "\"[" + ip + "]\"" : ip;
    }
}
