package dev.itsm.gateway.proxy;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;

import dev.itsm.gateway.Problems;
import dev.itsm.gateway.security.NormalizedPath;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
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
 * → 502, each as problem+json, and counted by the circuit breaker; more requests waiting for a connection
 * than {@code max-waiting} → 503 {@code overloaded} at once, not counted (the service is busy, not failing);</li>
 * <li>response: {@code Location}, {@code Content-Location} and {@code Link} pointing at the
 * upstream rewritten to the gateway's own origin.</li>
 * </ul>
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    private static final String TOO_LARGE = "gateway.bodyTooLarge";
    // header names as pre-hashed ASCII strings (HttpHeaders.createOptimized): looked up on every exchange
    private static final List<CharSequence> REWRITTEN = optimized("Location", "Content-Location", "Link");
    /** RFC 9110 §7.6.1 connection-specific fields (Transfer-Encoding is the proxy's business). */
    private static final List<CharSequence> HOP_BY_HOP = optimized("Connection", "Keep-Alive", "Proxy-Connection",
            "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Upgrade");
    private static final CharSequence CONNECTION = HttpHeaders.CONNECTION;
    private static final CharSequence CONTENT_LENGTH = HttpHeaders.CONTENT_LENGTH;
    private static final CharSequence TRANSFER_ENCODING = HttpHeaders.TRANSFER_ENCODING;
    private static final CharSequence HOST = HttpHeaders.HOST;
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence X_FORWARDED_PORT = HttpHeaders.createOptimized("X-Forwarded-Port");
    private static final CharSequence FORWARDED = HttpHeaders.createOptimized("Forwarded");

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
        removeHopByHop(request.headers(), incoming.getHeader(CONNECTION));
        addForwardedHeaders(request.headers(), incoming);
        // the Host header is the instance's: set when the exchange connects to it (Upstream.connect)
        request.setURI(normalizedUri(incoming));
        if (incoming.getHeader(CONTENT_LENGTH) == null && incoming.getHeader(TRANSFER_ENCODING) != null) {
            Body body = request.getBody();
            request.setBody(Body.body(new LimitedReadStream(body.stream(), maxBodySize,
                    () -> ctx.set(TOO_LARGE, Boolean.TRUE)), -1));
        }
        return send(ctx, incoming).transform(ar -> {
            if (ar.succeeded()) {
                upstream.breaker().onSuccess();
                upstream.answered(ctx);
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
            Throwable cause = ar.cause();
            if (cause instanceof ConnectionPoolTooBusyException) {
                // every pooled connection busy and max-waiting requests already queued for one: nothing was sent,
                // and a busy service is not a failing one, so the circuit stays as it is
                return Future.succeededFuture(problem(request, 503, "overloaded", "Service overloaded", "The "
                        + upstream.name() + " service is working on all the requests the gateway may queue for it; nothing"
                        + " was sent. Retry in a second.", instance).putHeader("Retry-After", "1"));
            }
            upstream.breaker().onFailure();
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
     * Sends the request, and once more to the next instance when it failed after it was sent but
     * may be repeated. (A connection that could not be established was already retried on every
     * instance by {@link Upstream}; nothing had been sent then.)
     */
    private Future<ProxyResponse> send(ProxyContext ctx, HttpServerRequest incoming) {
        return ctx.sendRequest().recover(failure -> {
            if (!mayResend(ctx, incoming, failure)) {
                return Future.failedFuture(failure);
            }
            // the first attempt ended the (empty) body; the next one sends none either
            ctx.request().setBody(null);
            return send(ctx, incoming);
        });
    }

    /**
     * Only a safe method (GET, HEAD, OPTIONS) without a body — never streamed twice, the gateway
     * does not keep bodies — whose exchange broke (not timed out: a slow service is not asked twice),
     * while the client still waits and another instance is left to try.
     */
    private static boolean mayResend(ProxyContext ctx, HttpServerRequest incoming, Throwable failure) {
        HttpMethod method = incoming.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
            return false;
        }
        String length = incoming.getHeader(CONTENT_LENGTH);
        if ((length != null && !"0".equals(length.trim())) || incoming.getHeader(TRANSFER_ENCODING) != null) {
            return false;
        }
        if (failure instanceof TimeoutException || failure instanceof ConnectException || failure instanceof UnknownHostException
                || incoming.response().closed()) {
            return false;
        }
        Upstream.Attempts attempts = ctx.get(Upstream.ATTEMPTS, Upstream.Attempts.class);
        return attempts != null && attempts.hasNext();
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
        removeHopByHop(headers, headers.get(CONNECTION));
        String gatewayOrigin = null;
        for (CharSequence name : REWRITTEN) {
            if (!headers.contains(name)) {
                continue;
            }
            if (gatewayOrigin == null) {
                gatewayOrigin = Origins.publicOrigin(response.request().proxiedRequest());
            }
            List<String> values = headers.getAll(name);
            boolean changed = false;
            String[] rewritten = new String[values.size()];
            for (int i = 0; i < rewritten.length; i++) {
                String value = values.get(i);
                for (UpstreamInstance instance : upstream.instances().all()) {
                    value = value.replace(instance.origin(), gatewayOrigin);
                }
                rewritten[i] = value;
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
    private static List<CharSequence> optimized(String... names) {
        return Arrays.stream(names).map(HttpHeaders::createOptimized).toList();
    }

    private static void removeHopByHop(MultiMap headers, String connection) {
        if (connection != null) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        for (CharSequence name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    private void addForwardedHeaders(MultiMap headers, HttpServerRequest incoming) {
        SocketAddress remote = incoming.remoteAddress();
        String clientIp = remote == null ? "unknown" : remote.hostAddress();
        String proto = incoming.scheme() == null ? "http" : incoming.scheme();
        String host = incoming.getHeader(HOST);
        String xff = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, xff == null || xff.isBlank() ? clientIp : xff + ", " + clientIp);
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, proto);
        }
        if (host != null && !headers.contains(X_FORWARDED_HOST)) {
            headers.set(X_FORWARDED_HOST, host);
        }
        if (!headers.contains(X_FORWARDED_PORT)) {
            SocketAddress local = incoming.localAddress();
            if (local != null && local.port() > 0) {
                headers.set(X_FORWARDED_PORT, String.valueOf(local.port()));
            }
        }
        StringBuilder element = new StringBuilder("for=").append(forwardedNode(clientIp)).append(";proto=").append(proto);
        if (host != null) {
            element.append(";host=\"").append(host.replace("\"", "")).append('"');
        }
        String forwarded = headers.get(FORWARDED);
        headers.set(FORWARDED, forwarded == null || forwarded.isBlank() ? element.toString() : forwarded + ", " + element);
    }

    private static String forwardedNode(String ip) {
        return ip.indexOf(':') >= 0 ? "\"[" + ip + "]\"" : ip;
    }
}
