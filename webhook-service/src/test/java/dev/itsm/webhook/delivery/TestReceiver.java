package dev.itsm.webhook.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.itsm.testing.TestClock;

/**
 * A real HTTP webhook receiver on 127.0.0.1 (random port), as an integrator would write one: it checks every
 * request's Standard Webhooks signature with its own HMAC code against the secret it was given, and rejects
 * timestamps more than 5 minutes from its clock (the service's TestClock: tests move it). Each path can be told to
 * answer a status (with {@code Retry-After}), to hang until released, or to recover.
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, Map<String, String> headers, String body, boolean signatureValid, int answered,
            Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How a path answers. */
    public record Behaviour(int status, String retryAfter, CountDownLatch hangUntil, int bodyBytes) {
        public static Behaviour ok() {
            return new Behaviour(200, null, null, 0);
        }

        public static Behaviour status(int status) {
            return new Behaviour(status, null, null, 0);
        }

        public static Behaviour status(int status, String retryAfter) {
            return new Behaviour(status, retryAfter, null, 0);
        }

        /** Holds every request until the latch is released (or 30 s pass), then gives up on a caller long gone. */
        public static Behaviour hang(CountDownLatch latch) {
            return new Behaviour(200, null, latch, 0);
        }

        /** 200 with a body of {@code bytes} 'x' characters. */
        public static Behaviour bigBody(int bytes) {
            return new Behaviour(200, null, null, bytes);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicReference<Behaviour>> behaviours = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();

    public TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path} (e.g. {@code /hooks/a}). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public TestReceiver secret(String path, String secret) {
        secrets.put(path, secret);
        return this;
    }

    public TestReceiver behave(String path, Behaviour behaviour) {
        behaviours.computeIfAbsent(path, p -> new AtomicReference<>()).set(behaviour);
        return this;
    }

    public synchronized List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The requests of {@code path} answered 2xx. */
    public List<Received> delivered(String path) {
        return received(path).stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    /** 2xx answers per webhook-id of {@code path}. */
    public Map<String, Integer> deliveredPerWebhookId(String path) {
        Map<String, Integer> counts = new HashMap<>();
        delivered(path).forEach(r -> counts.merge(r.header("webhook-id"), 1, Integer::sum));
        return counts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        boolean valid = verify(secrets.get(path), headers, body);
        Behaviour b = behaviours.getOrDefault(path, new AtomicReference<>(Behaviour.ok())).get();
        if (b == null) {
            b = Behaviour.ok();
        }
        if (b.hangUntil() != null) {
            // recorded at arrival as answered 0: the sender times out long before this request is answered
            synchronized (this) {
                received.add(new Received(path, headers, new String(body, StandardCharsets.UTF_8), valid, 0, TestClock.INSTANCE.instant()));
            }
            try {
                b.hangUntil().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        // a request whose signature does not verify is refused, as a real receiver would
        int status = valid ? b.status() : 401;
        synchronized (this) {
            received.add(new Received(path, headers, new String(body, StandardCharsets.UTF_8), valid, status, TestClock.INSTANCE.instant()));
        }
        if (status / 100 == 3) {
            exchange.getResponseHeaders().add("Location", url("/elsewhere"));
        }
        if (b.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", b.retryAfter());
        }
        byte[] answer = b.bodyBytes() > 0 ? "x".repeat(b.bodyBytes()).getBytes(StandardCharsets.UTF_8)
                : ("{\"answered\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException gone) {
            // the sender gave up (timeout) and closed the connection
        }
    }

    /** Standard Webhooks verification, written here independently of the service's Signature class. */
    static boolean verify(String secret, Map<String, String> headers, byte[] body) {
        if (secret == null) {
            return false;
        }
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long ts = Long.parseLong(timestamp);
        if (Duration.between(Instant.ofEpochSecond(ts), TestClock.INSTANCE.instant()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            byte[] expected = mac.doFinal(signed);
            for (String candidate : signatures.split(" ")) {
                if (candidate.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
