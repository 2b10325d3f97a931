package dev.itsm.monitoring.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IntakeQueueView", description = "Accepted alerts the processor has not taken yet: a queue that keeps "
        + "growing, or an old oldestQueuedAt, means processing falls behind the intake")
public record IntakeQueueView(
        @Schema(description = "Entries waiting; exact up to 100000, beyond that a lower bound (counting further costs a "
                + "scan and changes nothing about what to do)", example = "12")
        long queueDepth,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "When the oldest waiting entry was accepted; null when the queue is empty",
                example = "2026-12-01T10:15:30.120Z")
        Instant oldestQueuedAt) {
}
