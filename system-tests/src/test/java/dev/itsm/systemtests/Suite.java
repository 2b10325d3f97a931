package dev.itsm.systemtests;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.itsm.deploy.Stack;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged suite under test, started once per test JVM on free ports with fresh data in
 * {@code target/suite} (logs in {@code target/suite/logs}), stopped when the JVM ends.
 */
final class Suite {

    /** Requests per minute per client at the gateway in this run (the auth matrix alone sends ~500 anonymous ones). */
    static final int RATE_LIMIT = 2000;

    /**
     * How long webhook-service waits for a subscriber in this run ({@code webhook.delivery.timeout}):
     * short, so that {@code WebhooksTest}'s hanging receiver is given up on quickly.
     */
    static final Duration WEBHOOK_DELIVERY_TIMEOUT = Duration.ofSeconds(2);

    /**
     * How long problem-service observes a fix before it closes the problem by itself
     * ({@code problem.fix-verification.period}, 7 days by default): {@code ProblemsTest} waits it out once, and its
     * reopen path needs a matching incident's event to reach problem-service within it (see there).
     */
    static final Duration PROBLEM_FIX_VERIFICATION_PERIOD = Duration.ofSeconds(15);

    private static Stack stack;

    private Suite() {
    }

    static synchronized Stack stack() {
        if (stack == null) {
            Path module = Path.of("").toAbsolutePath();
            Stack.Options options = Stack.Options.isolated(root(), module.resolve("target/suite"), System.out)
                    .withEnv(Map.ofEntries(
                            Map.entry("ITSM_RATE_LIMIT", String.valueOf(RATE_LIMIT)),
                            Map.entry("ITSM_RATE_LIMIT_PERIOD", "1m"),
                            // breaches are announced by wake-ups at their due instant; this only makes the
                            // scheduler's safety-net poll (30 s by default) more frequent during the tests
                            Map.entry("SLA_SCHEDULER_INTERVAL", "1s"),
                            // webhook-service (keys of its WebhookDeliveryConfig): the test receiver listens on
                            // 127.0.0.1 and its outages last seconds, so retries start after a fifth of a second and
                            // never wait more than two (a Retry-After is capped there too); due retries are polled for
                            // every 200 ms
                            Map.entry("WEBHOOK_TARGET_ALLOW_LOOPBACK", "true"),
                            Map.entry("WEBHOOK_DELIVERY_TIMEOUT", WEBHOOK_DELIVERY_TIMEOUT.toSeconds() + "s"),
                            Map.entry("WEBHOOK_DELIVERY_INITIAL", "200ms"),
                            Map.entry("WEBHOOK_DELIVERY_MAX_BACKOFF", "2s"),
                            Map.entry("WEBHOOK_DELIVERY_POLL_INTERVAL", "200ms"),
                            // problem-service: a short fix verification, looked at every second for problems due
                            Map.entry("PROBLEM_FIX_VERIFICATION_PERIOD", PROBLEM_FIX_VERIFICATION_PERIOD.toSeconds() + "s"),
                            Map.entry("PROBLEM_FIX_VERIFICATION_CHECK_EVERY", "1s"),
                            // request-service: due access grants are looked for every second, so that
                            // ServiceRequestsTest's grant of a few seconds is revoked at its expiry while the test waits
                            Map.entry("REQUEST_ACCESS_CHECK_EVERY", "1s")));
            Stack s = new Stack(options);
            try {
                s.start(null, null, null, null);
            } catch (Exception e) {
                s.close();
                throw new IllegalStateException("The suite did not start; see target/suite/logs", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "suite-shutdown"));
            stack = s;
        }
        return stack;
    }

    /**
     * Stops the shared suite if it runs, so that a test with a stack of its own (two instances of
     * every service) does not share two cores with an idle second one. A later {@link #stack()}
     * starts it afresh.
     */
    static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    /**
     * Where the packaged applications come from ({@code <root>/<component>/target/quarkus-app}): this tree, or
     * with {@code -Ditsm.suite.root=<dir>} another one, e.g. a copy taken while this tree's modules are being rebuilt.
     */
    static Path root() {
        return Path.of(System.getProperty("itsm.suite.root", Path.of("").toAbsolutePath().getParent().toString()));
    }

    static String gateway() {
        return stack().url("gateway");
    }

    static String token(String subject, String... roles) {
        return stack().tokens().token(subject, Set.of(roles), Duration.ofHours(2));
    }

    /** A request through the gateway as {@code subject} with {@code roles}. */
    static RequestSpecification as(String subject, String... roles) {
        return given().baseUri(gateway()).header("Authorization", "Bearer " + token(subject, roles))
                .contentType(ContentType.JSON);
    }

    static RequestSpecification anonymous() {
        return given().baseUri(gateway());
    }

    static String bootstrap() {
        return stack().kafkaBootstrapServers();
    }
}
