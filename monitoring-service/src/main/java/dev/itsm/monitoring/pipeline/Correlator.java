package dev.itsm.monitoring.pipeline;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.GroupState;
import dev.itsm.monitoring.rule.CiRef;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the group an alert belongs to. With U(c) = the alert's CI and its upstream CIs (distances), an alert on c joins
 * a candidate group rooted at r when
 * <ol>
 * <li>r ∈ U(c) — the group's root is upstream of the alert: the root stays;</li>
 * <li>c ∈ U(r) — the alert is upstream of the root: c becomes the root;</li>
 * <li>U(c) ∩ U(r) ≠ ∅ — they share an upstream CI: the shared CI with the smallest distance sum becomes the root.</li>
 * </ol>
 * A group that keeps its root wins, then an OPEN group over a RESOLVED one, then the oldest. Alerts without a CI group
 * per (first service, alert name).
 */
@ApplicationScoped
public class Correlator {

    /** The group to join and its root afterwards ({@code rootChanged}: the root is another CI now). */
    public record Match(AlertGroup group, UUID rootCiId, String rootCiName, boolean rootChanged) {
    }

    public Optional<Match> match(Alert alert, CorrelationScope scope) {
        if (alert.ciId() == null) {
            String key = serviceKey(alert);
            return scope.candidates().stream()
                    .filter(g -> g.rootCiId() == null && key.equals(g.correlationKey()))
                    .sorted(preference())
                    .findFirst()
                    .map(g -> new Match(g, null, null, false));
        }
        Map<UUID, Integer> mine = scope.upstream(alert.ciId());
        return scope.candidates().stream()
                .filter(g -> g.rootCiId() != null)
                .map(g -> matchRooted(alert, mine, g, scope))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing((Match m) -> m.rootChanged())
                        .thenComparing(Match::group, preference()))
                .findFirst();
    }

    private Optional<Match> matchRooted(Alert alert, Map<UUID, Integer> mine, AlertGroup g, CorrelationScope scope) {
        UUID c = alert.ciId();
        UUID r = g.rootCiId();
        if (mine.containsKey(r)) {
            return Optional.of(new Match(g, r, g.rootCiName(), false));
        }
        Map<UUID, Integer> theirs = scope.upstream(r);
        if (theirs.containsKey(c)) {
            return Optional.of(new Match(g, c, alert.ciName(), true));
        }
        UUID best = null;
        int bestSum = Integer.MAX_VALUE;
        for (Map.Entry<UUID, Integer> e : mine.entrySet()) {
            Integer other = theirs.get(e.getKey());
            if (other != null) {
                int sum = e.getValue() + other;
                // ties broken by id, so two instances (or two runs) pick the same root
                if (sum < bestSum || sum == bestSum && e.getKey().compareTo(best) < 0) {
                    best = e.getKey();
                    bestSum = sum;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        UUID root = best;
        String name = scope.find(new CiRef(root, null)).map(n -> n.name()).orElse(null);
        return Optional.of(new Match(g, root, name, true));
    }

    /** OPEN before RESOLVED, then the oldest. */
    private static Comparator<AlertGroup> preference() {
        return Comparator.comparing((AlertGroup g) -> g.state() != GroupState.OPEN)
                .thenComparing(AlertGroup::openedAt)
                .thenComparing(AlertGroup::id);
    }

    /** The correlation key of alerts without a CI: their first service and their name. */
    public static String serviceKey(Alert alert) {
        String service = alert.serviceIds().isEmpty() ? "-" : alert.serviceIds().get(0).toString();
        return service + "/" + alert.name();
    }
}
