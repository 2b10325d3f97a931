package dev.itsm.request;

import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/** request-service's own settings of the request lifecycle (R1's section of application.properties). */
@ApplicationScoped
public class RequestConfig {

    private final Duration autoCloseAfter;
    private final Duration defaultAccessPeriod;

    RequestConfig(@ConfigProperty(name = "request.auto-close-after", defaultValue = "P5D") Duration autoCloseAfter,
            @ConfigProperty(name = "request.access.default-period", defaultValue = "P90D") Duration defaultAccessPeriod) {
        this.autoCloseAfter = autoCloseAfter;
        this.defaultAccessPeriod = defaultAccessPeriod;
    }

    /** A FULFILLED request closes by itself this long after its fulfilment. */
    public Duration autoCloseAfter() {
        return autoCloseAfter;
    }

    /** How long a grant lasts when its item names no period (Ordering applies it already; this is the fallback). */
    public Duration defaultAccessPeriod() {
        return defaultAccessPeriod;
    }
}
