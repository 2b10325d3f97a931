package dev.itsm.monitoring;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/** The alert processing settings (P's section of application.properties). */
@ApplicationScoped
public class MonitoringConfig {

    private final int batchSize;
    private final Duration correlationWindow;
    private final int maxDepth;
    private final Duration reopenWindow;
    private final Optional<UUID> defaultServiceId;
    private final Duration maxManualSuppression;

    MonitoringConfig(@ConfigProperty(name = "monitoring.processing.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "monitoring.correlation.window", defaultValue = "PT15M") Duration correlationWindow,
            @ConfigProperty(name = "monitoring.correlation.max-depth", defaultValue = "3") int maxDepth,
            @ConfigProperty(name = "monitoring.reopen-window", defaultValue = "PT1H") Duration reopenWindow,
            @ConfigProperty(name = "monitoring.default-service-id") Optional<UUID> defaultServiceId,
            @ConfigProperty(name = "monitoring.suppression.max-duration", defaultValue = "P30D") Duration maxManualSuppression) {
        this.batchSize = batchSize;
        this.correlationWindow = correlationWindow;
        this.maxDepth = maxDepth;
        this.reopenWindow = reopenWindow;
        this.defaultServiceId = defaultServiceId;
        this.maxManualSuppression = maxManualSuppression;
    }

    /** Intake queue entries per processing transaction. */
    public int batchSize() {
        return batchSize;
    }

    /** An alert joins an OPEN group only if the group's last alert came at most this long ago. */
    public Duration correlationWindow() {
        return correlationWindow;
    }

    /** How far up the CI graph correlation looks (relations from an alert's CI to a root candidate). */
    public int maxDepth() {
        return maxDepth;
    }

    /** A RESOLVED group takes alerts again (and is reopened) for this long after its resolution. */
    public Duration reopenWindow() {
        return reopenWindow;
    }

    /** The service of alerts whose CI has none and whose rule names none; empty = such alerts have no service. */
    public Optional<UUID> defaultServiceId() {
        return defaultServiceId;
    }

    /** The longest manual suppression a person may ask for. */
    public Duration maxManualSuppression() {
        return maxManualSuppression;
    }
}
