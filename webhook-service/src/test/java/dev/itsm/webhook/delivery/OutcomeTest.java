package dev.itsm.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.itsm.webhook.delivery.Outcome.Verdict;

class OutcomeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Outcome status(int status) {
        return Outcome.response(status, null, null, 5, NOW);
    }

    @Test
    void only2xxDeliversAnd410DisablesEverythingElseIsRetried() {
        assertEquals(Verdict.DELIVERED, status(200).verdict());
        assertEquals(Verdict.DELIVERED, status(204).verdict());
        assertEquals(Verdict.GONE, status(410).verdict());
        assertEquals(Verdict.RETRY, status(301).verdict());
        assertEquals(Verdict.RETRY, status(400).verdict());
        assertEquals(Verdict.RETRY, status(404).verdict());
        assertEquals(Verdict.RETRY, status(500).verdict());
        assertEquals(Verdict.RETRY, Outcome.failed("connection refused", 3).verdict());
    }

    @Test
    void aRedirectIsAFailureThatSaysRedirectsAreNotFollowed() {
        assertEquals("HTTP 302 (redirects are not followed)", status(302).describe());
        assertEquals("HTTP 500", status(500).describe());
        assertEquals(null, status(200).describe());
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDateOnlyOn429And503() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), Outcome.response(429, "30", null, 1, NOW).retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                Outcome.response(503, "Tue, 01 Dec 2026 10:01:30 GMT", null, 1, NOW).retryAfter());
        assertEquals(Optional.empty(), Outcome.response(500, "30", null, 1, NOW).retryAfter());
        assertEquals(Optional.empty(), Outcome.response(429, "soon", null, 1, NOW).retryAfter());
        assertEquals(Optional.empty(), Outcome.response(503, "Tue, 01 Dec 2026 09:00:00 GMT", null, 1, NOW).retryAfter());
    }
}
