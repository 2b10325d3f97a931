package dev.itsm.platform;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every service shares (prefix {@code itsm}). */
@ConfigMapping(prefix = "itsm")
public interface ItsmConfig {

    /**
     * Short name of this service: {@code incident}, {@code change}, {@code catalog}, {@code sla}.
     * It decides the topic ({@code itsm.<service>.events}), {@code ce_source}
     * ({@code /itsm/<service>-service}) and the {@code ce_type} prefix ({@code dev.itsm.<service>.}).
     */
    String service();

    /** Transactional outbox relay. */
    OutboxSettings outbox();

    /** Idempotent event consumer. */
    ConsumerSettings consumer();

    /** How long stored {@code Idempotency-Key} responses are replayed. */
    @WithDefault("24h")
    Duration idempotencyRetention();

    /** Changes feeds ({@code ?updatedSince=}, {@code http.ChangesFeed}). */
    FeedSettings feed();

    /**
     * Requests under {@code /api/} this instance works on at once; one more is answered {@code 503} with
     * {@code Retry-After} at once, before any work ({@code http.AdmissionLimit}); 0 turns the limit off.
     */
    @WithDefault("128")
    int maxInFlightRequests();

    interface FeedSettings {
        /**
         * A feed serves rows whose updatedAt is at least this old: longer than the transaction timeout
         * ({@code quarkus.transaction-manager.default-transaction-timeout}) plus clock skew, so every row
         * served has committed or never will.
         */
        @WithDefault("30s")
        Duration safetyLag();
    }

    interface OutboxSettings {
        /** Whether this instance runs the relay (one relay per database is active at a time). */
        @WithDefault("true")
        boolean enabled();

        /** Rows published per round trip. */
        @WithDefault("500")
        int batchSize();

        /** Fallback poll when no LISTEN/NOTIFY wake-up arrives. */
        @WithDefault("1s")
        Duration pollInterval();

        /** First back-off after a Kafka or database failure; doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration minBackoff();

        /** Longest back-off after repeated failures. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** Published rows are deleted after this. */
        @WithDefault("7d")
        Duration retention();

        /** How often published rows, old idempotency keys and old inbox rows are cleaned up. */
        @WithDefault("1h")
        Duration cleanupInterval();

        /** Kafka producer delivery timeout: a send not acknowledged by then is retried by the relay. */
        @WithDefault("20s")
        Duration deliveryTimeout();

        /**
         * The producer's {@code max.request.size} in bytes; unset keeps Kafka's default (1 MiB). A row
         * larger than this is parked, not retried (tests lower it to park a row for real).
         */
        OptionalInt maxRequestSize();
    }

    interface ConsumerSettings {
        /** Whether this instance consumes the topics its handlers subscribe to. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Whether a poll's records (up to 200) are applied in one transaction, a failing record isolated
         * and retried alone; false: one transaction per record.
         */
        @WithDefault("true")
        boolean batch();

        /**
         * Attempts before a record whose handler keeps failing goes to {@code <topic>.dlq}. Transient
         * failures (database or broker unavailable, serialization failure, deadlock) do not count:
         * they are retried without limit.
         */
        @WithDefault("4")
        int maxAttempts();

        /** Longest pause of a partition blocked by a transient failure (the pause doubles up to this). */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Pause between attempts (grows linearly). */
        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * How far in the future (by this consumer's clock) an event's {@code occurredAt}/{@code ce_time}
         * may lie; a later one is taken as now plus this (see {@code InboundEvent#occurredAt}).
         */
        @WithDefault("5m")
        Duration maxClockSkew();

        /** Inbox rows ({@code processed_event}) are kept this long. */
        @WithDefault("30d")
        Duration retention();
    }
}
