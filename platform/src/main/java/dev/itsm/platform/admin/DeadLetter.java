package dev.itsm.platform.admin;

/** One record on a {@code <topic>.dlq} topic, with the error the consumer gave it. */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        String key,
        String ceId,
        String ceType,
        String originalTopic,
        String errorClass,
        String errorMessage,
        String failedAt) {
}
