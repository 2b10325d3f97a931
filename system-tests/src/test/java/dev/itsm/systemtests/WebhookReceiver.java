package dev.itsm.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A subscriber's endpoint as an integrator would write it, in the test JVM on a free loopback port:
 * it checks every request's Standard Webhooks signature with its own HMAC-SHA256 code (not the
 * service's) and refuses a timestamp more than five minutes away from its clock, then answers as
 * its current {@link Mode} says and records what it got and what it answered.
 */
final class WebhookReceiver implements AutoCloseable {

    /** How the endpoint behaves now. */
    enum Mode {
        /** 503 with {@code Retry-After: 1}. */
        UNAVAILABLE,
        /** 500. */
        FAILING,
        /** Holds the request {@code hold} long (longer than the service waits), then answers 503 to nobody. */
        HANGING,
        /** 204 at once. */
        ACCEPTING,
        /** 410: the endpoint is gone for good. */
        GONE
    }

    /** Receivers reject older (and future) timestamps: a captured delivery cannot be replayed later. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    /**
     * One request as received.
     *
     * @param status what was answered; null for a request held past the service's timeout (nobody read the answer)
     * @param signatureProblem why the signature or timestamp was refused, null when it verified
     */
    record Request(long sequence, String webhookId, Map<String, String> headers, String body, Integer status,
            String signatureProblem) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean acknowledged() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final byte[] key;
    private final Duration hold;
    private final List<Request> requests = new ArrayList<>();
    private volatile Mode mode;
    /** Released by {@link #close()}: a held request then ends at once instead of at the end of its hold. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private long sequence;

    /**
     * @param secret the subscription's {@code whsec_…} secret
     * @param hold   how long a {@link Mode#HANGING} request is held: longer than the service's delivery timeout
     */
    WebhookReceiver(String secret, Mode mode, Duration hold) throws IOException {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.mode = mode;
        this.hold = hold;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/itsm";
    }

    void mode(Mode next) {
        mode = next;
    }

    /** Every request so far, in the order they arrived. */
    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requests(Predicate<Request> filter) {
        return requests.stream().filter(filter).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            long arrived = arrived();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String id = headers.get("webhook-id");
            String problem = verify(id, headers.get("webhook-timestamp"), headers.get("webhook-signature"), body);
            Mode now = mode;
            Integer status;
            if (problem != null) {
                status = 401;
            } else {
                status = switch (now) {
                    case UNAVAILABLE -> 503;
                    case FAILING -> 500;
                    case HANGING -> null;
                    case ACCEPTING -> 204;
                    case GONE -> 410;
                };
            }
            if (status == null) {
                // recorded now: the service gives up before the hold ends, and what is answered then reaches nobody
                record(arrived, id, headers, text, null, null);
                hang();
                respond(exchange, 503);
                return;
            }
            // recorded before answering: a 2xx is recorded before the service can send the subject's next event
            record(arrived, id, headers, text, status, problem);
            if (status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            respond(exchange, status);
        }
    }

    private void hang() {
        try {
            // a subscriber that does not answer: held until the hold ends (longer than the service waits) or the receiver closes
            closed.await(hold.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status) {
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException closedByTheService) {
            // the service timed out and closed the connection: expected for a held request
        }
    }

    private synchronized long arrived() {
        return ++sequence;
    }

    private synchronized void record(long arrived, String id, Map<String, String> headers, String body, Integer status,
            String problem) {
        requests.add(new Request(arrived, id, Map.copyOf(headers), body, status, problem));
        // in the order they arrived, whatever the time each took to answer
        requests.sort(Comparator.comparingLong(Request::sequence));
    }

    /** Standard Webhooks verification, written here independently of the service's {@code Signature}. */
    String verify(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not epoch seconds: " + timestamp;
        }
        long skew = Math.abs(System.currentTimeMillis() / 1000 - seconds);
        if (skew > TOLERANCE.toSeconds()) {
            return "webhook-timestamp " + skew + " s away from now";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String candidate : signatures.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no v1 signature matches: " + signatures;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
