package dev.itsm.webhook.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.itsm.webhook.egress.TargetPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends one delivery attempt: the CloudEvent in HTTP binary mode ({@code ce-*} headers, the JSON data as body),
 * signed per Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}).
 * <p>
 * Non-blocking (Vert.x {@link HttpClient}); only the name lookup runs on a worker thread. The target's name is
 * resolved here and the connection made to the resolved address itself ({@link RequestOptions#setServer}, with the
 * URL's host as {@code Host} and TLS SNI/verification name), after {@link TargetPolicy#allows} accepted that very
 * address — so a name that resolves to a private or metadata address at delivery time (DNS rebinding) is refused,
 * not connected to. Redirects are not followed. At most {@value #PREFIX_BYTES} bytes of the response body are read
 * (for the log); a longer body is cut off by closing the connection. Connect timeout, and a timeout on the whole
 * exchange.
 */
@ApplicationScoped
public class HttpSender {

    static final int PREFIX_BYTES = 1024;
    static final String USER_AGENT = "itsm-webhook/1.0";

    private final Vertx vertx;
    private final Predicate<InetAddress> allows;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    @Inject
    HttpSender(Vertx vertx, TargetPolicy policy, WebhookDeliveryConfig config, Clock clock) {
        this(vertx, policy::allows, config.connectTimeout(), config.timeout(), config.perSubscriptionConcurrency(), clock);
    }

    HttpSender(Vertx vertx, Predicate<InetAddress> allows, Duration connectTimeout, Duration timeout, int connectionsPerTarget,
            Clock clock) {
        this.vertx = vertx;
        this.allows = allows;
        this.timeout = timeout;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setMaxPoolSize(Math.max(1, connectionsPerTarget))
                .setKeepAlive(true)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Attempts the delivery now; never fails: every problem is an {@link Outcome} with an error. */
    public CompletionStage<Outcome> send(ClaimedDelivery delivery) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        URI url;
        try {
            url = URI.create(delivery.targetUrl());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.failed("invalid target URL: " + e.getMessage(), 0));
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        if (host == null) {
            return CompletableFuture.completedFuture(Outcome.failed("target URL has no host", 0));
        }
        String hostName = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        vertx.<InetAddress>executeBlocking(() -> allowedAddress(hostName), false).onComplete(resolved -> {
            if (resolved.failed()) {
                result.complete(Outcome.failed(resolved.cause().getMessage(), elapsedMs(started)));
                return;
            }
            try {
                RequestOptions options = request(url, host, port, https, resolved.result());
                headers(options, delivery, now);
                exchange(options, delivery.event().data(), started, result);
            } catch (RuntimeException e) {
                // e.g. a secret that is not base64: the attempt fails, the dispatcher's slot is released
                result.complete(Outcome.failed("could not send: " + describe(e), elapsedMs(started)));
            }
        });
        return result;
    }

    /** The first resolved address the policy allows; a clear error naming the refused ones otherwise. */
    private InetAddress allowedAddress(String host) throws UnknownHostException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve " + host);
        }
        List<String> refused = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (allows.test(a)) {
                return a;
            }
            refused.add(a.getHostAddress());
        }
        throw new UnknownHostException("target address refused by policy: " + host + " resolves to " + String.join(", ", refused)
                + " (loopback, private, link-local and metadata addresses are not delivered to; see webhook.target.*)");
    }

    private RequestOptions request(URI url, String host, int port, boolean https, InetAddress address) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String uri = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                .setPort(port)
                .setSsl(https)
                .setURI(uri)
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
    }

    private void headers(RequestOptions options, ClaimedDelivery delivery, Instant now) {
        var e = delivery.event();
        long timestamp = now.getEpochSecond();
        options.putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", e.eventId())
                .putHeader("ce-type", e.type())
                .putHeader("ce-source", e.source())
                .putHeader("ce-time", e.time().toString())
                .putHeader("Content-Type", e.dataContentType() != null ? e.dataContentType() : "application/json")
                .putHeader("webhook-id", e.eventId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", Signature.header(e.eventId(), timestamp, e.data(), delivery.secrets()))
                .putHeader("User-Agent", USER_AGENT);
        if (e.subject() != null) {
            options.putHeader("ce-subject", e.subject());
        }
    }

    private void exchange(RequestOptions options, byte[] body, long started, CompletableFuture<Outcome> result) {
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                result.complete(Outcome.failed(describe(connected.cause()), elapsedMs(started)));
                return;
            }
            HttpClientRequest request = connected.result();
            long timer = vertx.setTimer(timeout.toMillis(), id -> {
                if (result.complete(Outcome.failed("timed out after " + timeout.toMillis() + " ms", elapsedMs(started)))) {
                    request.reset();
                }
            });
            request.send(Buffer.buffer(body)).onComplete(answered -> {
                if (answered.failed()) {
                    vertx.cancelTimer(timer);
                    result.complete(Outcome.failed(describe(answered.cause()), elapsedMs(started)));
                    return;
                }
                readPrefix(request, answered.result(), started, timer, result);
            });
        });
    }

    private void readPrefix(HttpClientRequest request, HttpClientResponse response, long started, long timer,
            CompletableFuture<Outcome> result) {
        Buffer prefix = Buffer.buffer();
        Runnable finish = () -> {
            vertx.cancelTimer(timer);
            String text = prefix.length() == 0 ? null : prefix.toString(StandardCharsets.UTF_8);
            result.complete(Outcome.response(response.statusCode(), response.getHeader("Retry-After"), text, elapsedMs(started),
                    clock.instant()));
        };
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            int room = PREFIX_BYTES - prefix.length();
            prefix.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            if (chunk.length() >= room) {
                finish.run();
                request.reset(); // the rest of a big body is not read: the connection is closed instead
            }
        });
        response.exceptionHandler(e -> {
            if (!result.isDone()) {
                finish.run(); // the status has arrived; a broken body does not change the verdict
            }
        });
        response.endHandler(v -> {
            if (!result.isDone()) {
                finish.run();
            }
        });
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return t.getClass().getSimpleName() + ": " + message;
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
