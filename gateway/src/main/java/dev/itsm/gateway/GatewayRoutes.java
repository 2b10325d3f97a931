package dev.itsm.gateway;

import static io.vertx.core.http.HttpHeaders.AUTHORIZATION;
import static io.vertx.core.http.HttpHeaders.CONTENT_LENGTH;
import static io.vertx.core.http.HttpHeaders.ORIGIN;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.itsm.gateway.docs.ApiDocs;
import dev.itsm.gateway.proxy.Upstream;
import dev.itsm.gateway.proxy.Upstreams;
import dev.itsm.gateway.security.NormalizedPath;
import dev.itsm.gateway.security.RateLimiter;
import dev.itsm.gateway.security.TokenVerifier;
import dev.itsm.gateway.security.VerifiedToken;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's routes on Quarkus' Vert.x router. Every request gets an {@code X-Request-Id}; each
 * {@code /api/…} request then goes through: path normalisation (400 for a path without one clear
 * meaning; see {@link NormalizedPath}) → body size (413) → bearer token → rate limit (429; the
 * {@code X-RateLimit-*} headers are on every answer from here on) → 401 for a missing or bad token
 * → route lookup (404) → the service's own role rules (403) → circuit breaker (503) → the
 * upstream's streaming proxy, which sends the normalised path.
 */
@ApplicationScoped
public class GatewayRoutes {

    public static final String REQUEST_ID = "X-Request-Id";
    /** Header names as pre-hashed ASCII strings: looked up on every request. */
    private static final CharSequence REQUEST_ID_HEADER = HttpHeaders.createOptimized(REQUEST_ID);
    private static final CharSequence RATE_LIMIT_LIMIT = HttpHeaders.createOptimized("X-RateLimit-Limit");
    private static final CharSequence RATE_LIMIT_REMAINING = HttpHeaders.createOptimized("X-RateLimit-Remaining");
    private static final CharSequence RATE_LIMIT_RESET = HttpHeaders.createOptimized("X-RateLimit-Reset");

    private final Upstreams upstreams;
    private final TokenVerifier verifier;
    private final RateLimiter limiter;
    private final ApiDocs docs;
    /** Longest request URI forwarded: below the services' 4 KiB request-line limit. */
    static final int MAX_URI_LENGTH = 4000;

    private final long maxBodySize;

    public GatewayRoutes(Upstreams upstreams, TokenVerifier verifier, RateLimiter limiter, ApiDocs docs,
            GatewayConfig config) {
        this.upstreams = upstreams;
        this.verifier = verifier;
        this.limiter = limiter;
        this.docs = docs;
        this.maxBodySize = config.maxBodySize().asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::requestId);
        // An API request without an Origin header is handled here, ahead of Quarkus' own HTTP
        // filters (CORS from order -300 on, HTTP security, its body limit): none has anything to do
        // for it — CORS only answers browsers (which send Origin; those go the long way below), the
        // gateway authenticates /api itself (proactive auth off, no HTTP permissions configured) and
        // enforces its own, lower body limit — and each costs CPU on every proxied request.
        router.route("/api/*").order(-999).handler(this::apiUnlessCors);
        router.route("/api/*").handler(this::api);
        router.get("/openapi").handler(docs::merged);
        router.get("/openapi/:service").handler(docs::service);
        router.get("/asyncapi/:file").handler(docs::asyncapi);
    }

    /** Keeps a sane incoming {@code X-Request-Id} or makes one; upstreams and the client see it. */
    void requestId(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String id = request.getHeader(REQUEST_ID_HEADER);
        if (id == null || !isSafeRequestId(id)) {
            id = randomRequestId();
            request.headers().set(REQUEST_ID_HEADER, id);
        }
        String requestId = id;
        rc.addHeadersEndHandler(v -> rc.response().headers().set(REQUEST_ID_HEADER, requestId));
        rc.next();
    }

    /** {@code [A-Za-z0-9._:-]{1,128}}, checked without a regular expression on every request. */
    static boolean isSafeRequestId(String id) {
        int length = id.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random (version 4) UUID. A request id must be unique, not unguessable, so it is drawn from
     * the thread's own generator instead of {@link UUID#randomUUID()}'s shared, locked SecureRandom.
     */
    static String randomRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    void apiUnlessCors(RoutingContext rc) {
        if (rc.request().headers().contains(ORIGIN)) {
            rc.next();
        } else {
            api(rc);
        }
    }

    void api(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        request.pause();
        String path;
        try {
            // judged and forwarded in one spelling, the one the service's router will read
            path = NormalizedPath.of(request.path());
        } catch (NormalizedPath.RefusedPathException e) {
            reject(rc, 400, "bad-request", "Bad request", e.getMessage());
            return;
        }
        // the services' HTTP servers refuse request lines over 4 KiB with a bare 414; answer it here,
        // as a problem, before anything is forwarded (the gateway itself accepts up to 64 KiB)
        if (request.uri().length() > MAX_URI_LENGTH) {
            reject(rc, 414, "uri-too-long", "URI too long",
                    "The request URI has " + request.uri().length() + " characters; at most " + MAX_URI_LENGTH + " are accepted");
            return;
        }
        String contentLength = request.getHeader(CONTENT_LENGTH);
        if (contentLength != null) {
            long length = parseLength(contentLength);
            if (length < 0) {
                reject(rc, 400, "bad-request", "Bad request", "Content-Length is not a number");
                return;
            }
            if (length > maxBodySize) {
                reject(rc, 413, "payload-too-large", "Payload too large",
                        "The request body exceeds " + maxBodySize + " bytes");
                return;
            }
        }
        String token = bearerToken(request.getHeader(AUTHORIZATION));
        Future<VerifiedToken> verified = token == null
                ? Future.failedFuture(new TokenVerifier.InvalidTokenException("A bearer token is required"))
                : verifier.verify(token);
        verified.onComplete(ar -> {
            if (limiter.enabled()) {
                String client = ar.succeeded() ? "sub:" + ar.result().subject() : "addr:" + clientAddress(request);
                RateLimiter.Decision decision = limiter.consume(client);
                rc.addHeadersEndHandler(v -> response.headers()
                        .set(RATE_LIMIT_LIMIT, String.valueOf(decision.limit()))
                        .set(RATE_LIMIT_REMAINING, String.valueOf(decision.remaining()))
                        .set(RATE_LIMIT_RESET, String.valueOf(decision.resetSeconds())));
                if (!decision.allowed()) {
                    response.putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
                    reject(rc, 429, "too-many-requests", "Too many requests",
                            "Rate limit of " + decision.limit() + " requests exceeded; retry in "
                                    + decision.retryAfterSeconds() + " s");
                    return;
                }
            }
            if (ar.failed()) {
                String message = ar.cause() instanceof TokenVerifier.InvalidTokenException
                        ? ar.cause().getMessage()
                        : "The bearer token could not be verified";
                response.putHeader("WWW-Authenticate", token == null
                        ? "Bearer realm=\"itsm\""
                        : "Bearer realm=\"itsm\", error=\"invalid_token\"");
                reject(rc, 401, "unauthorized", "Unauthorized", message);
                return;
            }
            Optional<Upstream> found = upstreams.route(path);
            if (found.isEmpty()) {
                reject(rc, 404, "not-found", "Not found", "No service serves " + path);
                return;
            }
            Upstream upstream = found.get();
            // a service may take less than the gateway: its own server would refuse more with a bare 413
            if (contentLength != null && parseLength(contentLength) > upstream.maxBodySize()) {
                reject(rc, 413, "payload-too-large", "Payload too large",
                        "The request body exceeds " + upstream.maxBodySize() + " bytes, the most the " + upstream.name()
                                + " service takes");
                return;
            }
            if (!upstream.policy().allows(ar.result(), request.method(), path)) {
                reject(rc, 403, "forbidden", "Forbidden", request.method() + " " + path + " needs one of the roles "
                        + String.join(", ", upstream.policy().rolesFor(request.method(), path).orElseThrow()));
                return;
            }
            if (!upstream.breaker().tryAcquire()) {
                response.putHeader("Retry-After", String.valueOf(upstream.breaker().secondsUntilHalfOpen()));
                reject(rc, 503, "upstream-unavailable", "Upstream unavailable",
                        "The " + upstream.name() + " service is failing; the gateway stopped calling it for now (circuit open)");
                return;
            }
            upstream.proxy().handle(request);
        });
    }

    /**
     * Answers with a problem. An unread request body is read and dropped so the connection stays
     * usable; a declared body far beyond the limit is not worth reading: the connection is closed.
     */
    private void reject(RoutingContext rc, int status, String slug, String title, String detail) {
        HttpServerRequest request = rc.request();
        if (!request.isEnded()) {
            String length = request.getHeader("Content-Length");
            if (length != null && status == 413 && parseLength(length) > 4 * maxBodySize) {
                rc.response().putHeader("Connection", "close");
            }
            request.resume();
        }
        Problems.send(rc.response(), slug, title, status, detail, request.path());
    }

    private static long parseLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
