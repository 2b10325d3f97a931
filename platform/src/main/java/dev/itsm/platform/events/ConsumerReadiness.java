package dev.itsm.platform.events;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness says when the event consumer is held up: a partition waiting on a record that failed
 * transiently (typically the database is away) means this instance's read models are falling
 * behind, which an operator should see next to the database check.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final EventConsumer consumer;

    ConsumerReadiness(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        int blocked = consumer.blockedPartitions();
        return HealthCheckResponse.named("event-consumer")
                .status(blocked == 0)
                .withData("blockedPartitions", blocked)
                .withData("lagRecords", consumer.lag())
                .build();
    }
}
