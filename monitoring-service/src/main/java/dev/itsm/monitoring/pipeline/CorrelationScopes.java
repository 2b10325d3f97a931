package dev.itsm.monitoring.pipeline;

import java.time.Instant;

import dev.itsm.monitoring.MonitoringConfig;
import dev.itsm.monitoring.replica.CiGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Opens a {@link CorrelationScope} for the current transaction. */
@ApplicationScoped
public class CorrelationScopes {

    @Inject
    EntityManager em;

    @Inject
    CiGraph graph;

    @Inject
    MonitoringConfig config;

    /** A scope as of {@code now}; use it within the one transaction that opened it (it holds managed entities). */
    public CorrelationScope open(Instant now) {
        return new CorrelationScope(em, graph, config, now);
    }
}
