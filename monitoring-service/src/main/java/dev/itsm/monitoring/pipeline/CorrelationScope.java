package dev.itsm.monitoring.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.GroupState;
import dev.itsm.monitoring.MonitoringConfig;
import dev.itsm.monitoring.replica.ActiveWindow;
import dev.itsm.monitoring.replica.ChangeWindows;
import dev.itsm.monitoring.replica.CiGraph;
import dev.itsm.monitoring.replica.CiNode;
import dev.itsm.monitoring.rule.CiRef;
import jakarta.persistence.EntityManager;

/**
 * What one processing transaction knows for correlating: the candidate groups (read once, then kept up to date in
 * memory as alerts join and groups open — the processing lock guarantees nobody else changes them meanwhile) and the
 * replica's answers, cached so a storm on one CI asks the graph once per batch, not once per alert.
 */
public final class CorrelationScope {

    private final EntityManager em;
    private final CiGraph graph;
    private final MonitoringConfig config;
    private final Instant now;
    private List<AlertGroup> candidates;
    private final Map<UUID, Map<UUID, Integer>> upstream = new HashMap<>();
    private final Map<CiRef, Optional<CiNode>> nodes = new HashMap<>();
    private final Map<UUID, List<UUID>> services = new HashMap<>();
    private final Map<List<Object>, Optional<ActiveWindow>> windows = new HashMap<>();

    CorrelationScope(EntityManager em, CiGraph graph, MonitoringConfig config, Instant now) {
        this.em = em;
        this.graph = graph;
        this.config = config;
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    /**
     * OPEN groups whose last alert is within the correlation window and RESOLVED ones within the reopen window,
     * oldest first.
     */
    public List<AlertGroup> candidates() {
        if (candidates == null) {
            candidates = new ArrayList<>(em.createQuery("""
                    from AlertGroup g
                    where (g.state = :open and g.lastAlertAt >= :since)
                       or (g.state = :resolved and g.resolvedAt >= :reopenSince)
                    order by g.openedAt, g.id""", AlertGroup.class)
                    .setParameter("open", GroupState.OPEN)
                    .setParameter("since", now.minus(config.correlationWindow()))
                    .setParameter("resolved", GroupState.RESOLVED)
                    .setParameter("reopenSince", now.minus(config.reopenWindow()))
                    .getResultList());
        }
        // a group that went quiet or resolved too long ago is no candidate any more (the list outlives no batch)
        return candidates.stream().filter(this::isCandidate).toList();
    }

    private boolean isCandidate(AlertGroup g) {
        return g.state() == GroupState.OPEN
                ? !g.lastAlertAt().isBefore(now.minus(config.correlationWindow()))
                : g.reopenable(config.reopenWindow(), now);
    }

    /** A group opened in this transaction becomes a candidate for the alerts after it. */
    public void opened(AlertGroup group) {
        candidates();
        candidates.add(group);
    }

    /** A group by id, from the session (cached) or the database. */
    public Optional<AlertGroup> group(UUID id) {
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(AlertGroup.class, id));
    }

    /** U(c): the CI and its upstream CIs with their distance, up to the configured depth. */
    public Map<UUID, Integer> upstream(UUID ciId) {
        return upstream.computeIfAbsent(ciId, id -> graph.upstream(id, config.maxDepth()));
    }

    public Optional<CiNode> find(CiRef ref) {
        return nodes.computeIfAbsent(ref, graph::find);
    }

    /** The change or maintenance window covering the CI or services now (asked once per CI and services). */
    public Optional<ActiveWindow> covering(ChangeWindows changeWindows, UUID ciId, List<UUID> serviceIds) {
        return windows.computeIfAbsent(Arrays.asList(ciId, serviceIds),
                k -> changeWindows.covering(ciId, serviceIds, now));
    }

    public List<UUID> servicesOf(UUID ciId) {
        return services.computeIfAbsent(ciId, graph::servicesOf);
    }
}
