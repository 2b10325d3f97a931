package dev.itsm.incident.knownerror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.itsm.incident.knownerror.KnownErrorMatch.MatchedOn;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ACTIVE known errors that match incidents: those whose CIs contain the incident's CI (first) or
 * whose services contain its service. One statement for one incident or a whole page of them: the
 * GIN indexes on the ACTIVE rows' arrays (V8__known_errors.sql) answer {@code &&} with a BitmapOr.
 */
@ApplicationScoped
public class KnownErrorMatcher {

    /** Most known errors shown on one incident. */
    public static final int MAX_SHOWN = 5;

    /** What is matched: an incident's CI (nullable) and service. */
    public record Target(UUID ciId, UUID serviceId) {
    }

    // status = 'ACTIVE' literally, so the planner can use the partial indexes
    private static final String ACTIVE_MATCHING = """
            select * from known_error_replica
            where status = 'ACTIVE' and (ci_ids && cast(?1 as uuid[]) or service_ids && cast(?2 as uuid[]))
            order by occurred_at desc, id""";

    /** The matches of one incident, CI matches first, at most {@code limit}. */
    public List<KnownErrorMatch> matching(UUID ciId, UUID serviceId, int limit) {
        Target target = new Target(ciId, serviceId);
        return matchingAll(List.of(target), limit).getOrDefault(target, List.of());
    }

    /** The matches of each target (incidents of a page), CI matches first, at most {@code limit} each. */
    public Map<Target, List<KnownErrorMatch>> matchingAll(Collection<Target> targets, int limit) {
        UUID[] cis = targets.stream().map(Target::ciId).filter(Objects::nonNull).distinct().toArray(UUID[]::new);
        UUID[] services = targets.stream().map(Target::serviceId).filter(Objects::nonNull).distinct().toArray(UUID[]::new);
        Map<Target, List<KnownErrorMatch>> matches = new HashMap<>();
        if (cis.length == 0 && services.length == 0) {
            return matches;
        }
        @SuppressWarnings("unchecked")
        List<KnownErrorReplica> active = Panache.getEntityManager()
                .createNativeQuery(ACTIVE_MATCHING, KnownErrorReplica.class)
                .setParameter(1, cis).setParameter(2, services).getResultList();
        if (active.isEmpty()) {
            return matches;
        }
        for (Target t : targets) {
            List<KnownErrorMatch> found = new ArrayList<>();
            for (KnownErrorReplica ke : active) {
                if (ke.matchesCi(t.ciId())) {
                    found.add(new KnownErrorMatch(ke, MatchedOn.CI));
                } else if (ke.matchesService(t.serviceId())) {
                    found.add(new KnownErrorMatch(ke, MatchedOn.SERVICE));
                }
            }
            if (!found.isEmpty()) {
                // stable sort: newest first within CI, then within SERVICE (the query's order)
                found.sort(Comparator.comparing(KnownErrorMatch::matchedOn));
                matches.put(t, List.copyOf(found.subList(0, Math.min(limit, found.size()))));
            }
        }
        return matches;
    }
}
