package dev.itsm.platform.events;

import java.time.Instant;

/**
 * A past-tense fact an aggregate caused. Payload records implement this; the outbox publishes
 * them as CloudEvents with {@code ce_type = dev.itsm.<service>.<eventType()>}, {@code ce_subject}
 * and record key = {@link #aggregateId()}, {@code ce_time} = {@link #occurredAt()}.
 */
public interface DomainEvent {

    /** Id of the aggregate the fact is about; also the Kafka record key, so its events stay ordered. */
    String aggregateId();

    /** When the fact happened. */
    Instant occurredAt();

    /** Kind of aggregate, e.g. {@code Incident}. */
    String aggregateType();

    /** Event name, e.g. {@code IncidentOpened}; the record's simple class name unless overridden. */
    default String eventType() {
        return getClass().getSimpleName();
    }
}
