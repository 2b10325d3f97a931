package dev.itsm.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What one HTTP attempt came to. Only a 2xx delivers. 410 Gone means the subscriber has removed the endpoint: the
 * subscription is disabled and the delivery stays pending, so resuming the subscription sends it. Everything else —
 * 3xx (redirects are not followed: a redirect could point anywhere, past the address checks), 4xx, 5xx, timeouts,
 * refused or failed connections — is retried with back-off.
 *
 * @param status the HTTP status, null when no response came
 * @param error why the attempt failed (null when a response came; the status says it)
 * @param retryAfter the response's {@code Retry-After} (only read on 429 and 503)
 * @param responsePrefix at most the first 1 KiB of the response body, as text
 */
public record Outcome(Integer status, String error, Optional<Duration> retryAfter, String responsePrefix, long durationMs) {

    /** What to do with the delivery after the attempt. */
    public enum Verdict { DELIVERED, GONE, RETRY }

    public static Outcome failed(String error, long durationMs) {
        return new Outcome(null, error, Optional.empty(), null, durationMs);
    }

    public static Outcome response(int status, String retryAfterHeader, String responsePrefix, long durationMs, Instant now) {
        Optional<Duration> retryAfter = status == 429 || status == 503 ? parseRetryAfter(retryAfterHeader, now) : Optional.empty();
        return new Outcome(status, null, retryAfter, responsePrefix, durationMs);
    }

    public Verdict verdict() {
        if (status == null) {
            return Verdict.RETRY;
        }
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        return status == 410 ? Verdict.GONE : Verdict.RETRY;
    }

    /** The error text the delivery log shows: the transport error, or the status that was not a success. */
    public String describe() {
        if (error != null) {
            return error;
        }
        if (verdict() == Verdict.DELIVERED) {
            return null;
        }
        return status >= 300 && status < 400 ? "HTTP " + status + " (redirects are not followed)" : "HTTP " + status;
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); unreadable or past is empty. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Optional.of(Duration.between(now, at)) : Optional.empty();
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
