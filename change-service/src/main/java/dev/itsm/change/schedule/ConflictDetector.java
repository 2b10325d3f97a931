package dev.itsm.change.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.itsm.change.request.ChangeType;
import java.time.Instant;

/**
 * Finds every reason a change window cannot be scheduled. Time ranges are half-open
 * ({@code [start, end)}), so a change may start exactly when another ends.
 * <p>
 * Two changes collide when they overlap in time and one's scope lies in the other's reach through
 * the dependency graph (either direction): the same service/CI, something that depends on what
 * the other changes, or something the other's scope depends on. Computed once per check as
 * {@code impact(scope) ∪ upstream(scope)}, then each overlapping change is a set intersection.
 */
public final class ConflictDetector {

    private ConflictDetector() {
    }

    public static boolean overlaps(Instant s1, Instant e1, Instant s2, Instant e2) {
        return s1.isBefore(e2) && s2.isBefore(e1);
    }

    /**
     * @param change        the change to check
     * @param graph         the replicated catalog dependency graph
     * @param scheduled     changes on the schedule (the caller may pre-filter by time; this re-checks)
     * @param blackouts     blackout windows (pre-filtering by time is optional)
     * @param maintenance   maintenance windows by service id
     */
    public static List<Conflict> detect(ChangeWindow change, DependencyGraph graph, Collection<ScheduledChange> scheduled,
            Collection<Blackout> blackouts, Map<UUID, List<MaintenanceRule>> maintenance) {
        List<Conflict> conflicts = new ArrayList<>();
        Set<UUID> scope = change.scope();
        Set<UUID> impact = graph.impactOf(scope);
        Set<UUID> related = new HashSet<>(impact);
        related.addAll(graph.upstreamOf(scope));

        List<ScheduledChange> overlapping = new ArrayList<>();
        for (ScheduledChange other : scheduled) {
            if (!other.changeId().equals(change.changeId()) && overlaps(change.start(), change.end(), other.start(), other.end())) {
                overlapping.add(other);
            }
        }
        overlapping.sort(Comparator.comparing(ScheduledChange::start).thenComparing(ScheduledChange::number));
        for (ScheduledChange other : overlapping) {
            List<UUID> shared = other.scope().stream().filter(related::contains).sorted().toList();
            if (!shared.isEmpty()) {
                conflicts.add(new Conflict(ConflictKind.OVERLAPPING_CHANGE,
                        "Overlaps " + other.number() + " (" + other.start() + " – " + other.end() + ") on "
                                + shared.size() + " related service(s)/CI(s)",
                        other.changeId(), other.number(), null, null, shared, other.start(), other.end()));
            }
        }

        Set<UUID> impactedServices = new HashSet<>(change.serviceIds());
        impactedServices.addAll(graph.servicesAmong(impact));
        List<Blackout> orderedBlackouts = new ArrayList<>(blackouts);
        orderedBlackouts.sort(Comparator.comparing(Blackout::start));
        for (Blackout b : orderedBlackouts) {
            if (!overlaps(change.start(), change.end(), b.start(), b.end())) {
                continue;
            }
            if (b.global()) {
                conflicts.add(new Conflict(ConflictKind.BLACKOUT_WINDOW, "Overlaps global blackout window '" + b.name() + "'",
                        null, null, b.id(), null, List.of(), b.start(), b.end()));
                continue;
            }
            List<UUID> hit = b.serviceIds().stream().filter(impactedServices::contains).sorted().toList();
            if (!hit.isEmpty()) {
                conflicts.add(new Conflict(ConflictKind.BLACKOUT_WINDOW,
                        "Overlaps blackout window '" + b.name() + "' of " + hit.size() + " impacted service(s)",
                        null, null, b.id(), null, hit, b.start(), b.end()));
            }
        }

        if (change.type() == ChangeType.NORMAL) {
            for (UUID service : change.serviceIds().stream().sorted().toList()) {
                List<MaintenanceRule> rules = maintenance.getOrDefault(service, List.of());
                if (!rules.isEmpty() && rules.stream().noneMatch(r -> r.covers(change.start(), change.end()))) {
                    conflicts.add(new Conflict(ConflictKind.OUTSIDE_MAINTENANCE_WINDOW,
                            "Not inside any maintenance window of service " + service + " ("
                                    + String.join(", ", rules.stream().map(MaintenanceRule::name).toList()) + ")",
                            null, null, null, service, List.of(service), null, null));
                }
            }
        }
        return conflicts;
    }
}
