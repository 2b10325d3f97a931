package dev.itsm.problemmanagement.candidate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.itsm.platform.events.Outbox;
import dev.itsm.problemmanagement.candidate.ProblemCandidate.Detection;
import dev.itsm.problemmanagement.candidate.ProblemCandidate.Member;
import dev.itsm.problemmanagement.replica.CatalogCi;
import dev.itsm.problemmanagement.replica.IncidentReplica;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Finds recurring incidents in the replica. A key's <em>group</em> is the incidents of the sliding window
 * ({@code problem.candidates.window} back from now) that are not canceled and not linked to a problem and that
 * <ul>
 * <li>CI: are on that CI;</li>
 * <li>SERVICE: are on that service;</li>
 * <li>UPSTREAM_CI: are on CIs that depend on that CI, within {@code upstream-depth} relations of the catalogue
 * replica ({@code a depends_on b} and {@code a runs_on b}: a depends on b; {@code a hosts b}: b depends on a), and span
 * at least two different CIs (incidents on one CI are that CI's candidate; those on the upstream CI itself are its
 * CI candidate, so the two kinds never hold the same incidents for one key).</li>
 * </ul>
 * A group at or above its kind's threshold becomes an OPEN candidate ({@link ProblemCandidateDetected}), or joins the
 * key's OPEN one (no event); a key dismissed until later stays quiet. Every query is an index range: incidents by
 * (ci_id, opened_at) or (service_id, opened_at), relations by source and target; the graph walk is a recursive CTE
 * with bounded depth that never revisits a CI on its own path (cycles in the catalogue cannot loop it).
 */
@ApplicationScoped
public class CandidateDetector {

    /** Relations {@code source <r> target} where the source depends on the target; {@code hosts} is the other way. */
    static final String DEPENDS = "('depends_on', 'runs_on')";
    static final String HOSTS = "'hosts'";

    private static final String NOT_LINKED_NOR_CANCELED = """
            i.state <> 'CANCELED' and not exists (select 1 from problem_incident p where p.incident_id = i.incident_id)""";

    private static final String GROUP_OF_CI = "select i.incident_id, i.ci_id, i.opened_at from incident_replica i "
            + "where i.ci_id = :key and i.opened_at >= :from and " + NOT_LINKED_NOR_CANCELED;

    private static final String GROUP_OF_SERVICE = "select i.incident_id, i.ci_id, i.opened_at from incident_replica i "
            + "where i.service_id = :key and i.opened_at >= :from and " + NOT_LINKED_NOR_CANCELED;

    /** The CIs an incident's CI depends on, transitively: the roots whose UPSTREAM_CI groups it may complete. */
    private static final String UPSTREAM_OF_CI = """
            up(ci_id, depth, path) as (
                select cast(:ci as uuid), 0, array[cast(:ci as uuid)]
              union all
                select e.ci_id, u.depth + 1, u.path || e.ci_id
                from up u cross join lateral (
                    select r.target_id as ci_id from catalog_ci_relation r
                     where r.source_id = u.ci_id and r.relation in %s
                    union all
                    select r.source_id from catalog_ci_relation r where r.target_id = u.ci_id and r.relation = %s) e
                where u.depth < :depth and e.ci_id <> all(u.path)),
            roots(ci_id) as (select distinct ci_id from up where depth > 0)""".formatted(DEPENDS, HOSTS);

    /** The roots named by {@code :roots} (an array literal): the upstream keys an incident may complete. */
    private static final String GIVEN_ROOTS = "roots(ci_id) as (select unnest(cast(:roots as uuid[])))";

    /** Every CI something depends on: the roots of a full re-scan. */
    private static final String EVERY_DEPENDENCY = """
            roots(ci_id) as (
                select r.target_id from catalog_ci_relation r where r.relation in %s
                union
                select r.source_id from catalog_ci_relation r where r.relation = %s)""".formatted(DEPENDS, HOSTS);

    /** UPSTREAM_CI groups of {@code roots} (incidents on the CIs below each) at or above the threshold: (root, incident, its CI, opened). */
    private static final String UPSTREAM_GROUPS = """
            with recursive %s,
            down(root, ci_id, depth, path) as (
                select ci_id, ci_id, 0, array[ci_id] from roots
              union all
                select d.root, e.ci_id, d.depth + 1, d.path || e.ci_id
                from down d cross join lateral (
                    select r.source_id as ci_id from catalog_ci_relation r
                     where r.target_id = d.ci_id and r.relation in %s
                    union all
                    select r.target_id from catalog_ci_relation r where r.source_id = d.ci_id and r.relation = %s) e
                where d.depth < :depth and e.ci_id <> all(d.path)),
            members as (select distinct root, ci_id from down where depth > 0),
            hits as (%s)
            select h.root, h.incident_id, h.ci_id, h.opened_at from hits h
            where h.root in (select root from hits group by root
                             having count(*) >= :threshold and count(distinct ci_id) >= 2)""";

    /**
     * The incidents of the members, for a few roots: one (ci_id, opened_at) index range per member CI (a lateral join,
     * so the planner cannot prefer scanning the whole window when it overestimates the walk).
     */
    private static final String HITS_BY_CI = """
                select m.root, i.incident_id, i.ci_id, i.opened_at from members m cross join lateral (
                    select i.incident_id, i.ci_id, i.opened_at from incident_replica i
                    where i.ci_id = m.ci_id and i.opened_at >= :from and %s) i""".formatted(NOT_LINKED_NOR_CANCELED);

    /** The incidents of the members, for every root at once (the re-scan): the window joined to the member CIs. */
    private static final String HITS_IN_WINDOW = """
                select m.root, i.incident_id, i.ci_id, i.opened_at
                from members m join incident_replica i on i.ci_id = m.ci_id
                where i.opened_at >= :from and %s""".formatted(NOT_LINKED_NOR_CANCELED);

    /** Every CI or SERVICE group at or above the threshold, for the full re-scan: (key, incident, CI, opened). */
    private static final String ALL_GROUPS = """
            select g.key, g.incident_id, g.ci_id, g.opened_at from (
                select i.%1$s as key, i.incident_id, i.ci_id, i.opened_at, count(*) over (partition by i.%1$s) as n
                from incident_replica i
                where i.opened_at >= :from and i.%1$s is not null and %2$s) g
            where g.n >= :threshold""";

    /** Of some incidents, those that still count for a candidate: known, not canceled, not linked to a problem. */
    private static final String COUNTING = "select i.incident_id, i.ci_id, i.opened_at from incident_replica i "
            + "where i.incident_id in (select unnest(cast(:ids as uuid[]))) and " + NOT_LINKED_NOR_CANCELED;

    /** The incidents of a candidate that still count, oldest first. */
    private static final String CURRENT_MEMBERS = "select i.incident_id, i.ci_id, i.opened_at "
            + "from problem_candidate_incident m join incident_replica i on i.incident_id = m.incident_id "
            + "where m.candidate_id = :candidate and " + NOT_LINKED_NOR_CANCELED + " order by i.opened_at, i.incident_id";

    private final EntityManager em;
    private final CandidateMembers members;
    private final Outbox outbox;
    private final CandidateConfig config;
    private final Clock clock;

    CandidateDetector(EntityManager em, CandidateMembers members, Outbox outbox, CandidateConfig config, Clock clock) {
        this.em = em;
        this.members = members;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Detection for one opened (or reopened) incident: its CI, its service and every CI upstream of its CI. Runs in
     * the caller's transaction (the inbox's), after problems in verification had their chance to link it. Returns
     * how many candidates were created.
     * <p>
     * The cost must not grow with the groups: a busy service collects thousands of incidents in the window, and
     * re-reading its whole group for each of them made detection quadratic (bench section 8 fell behind at 20
     * incidents/s). So a key that already has an OPEN candidate takes the new incident as it is, without a group
     * query (the candidate's group was read when it formed; the sweep re-reads every group), a quiet key is skipped,
     * and only the remaining keys — whose groups are below their threshold, so small — are read.
     */
    @Transactional
    public int incidentOpened(IncidentReplica incident) {
        Instant now = clock.instant();
        Instant from = now.minus(config.window());
        if (incident.openedAt().isBefore(from) || "CANCELED".equals(incident.state())) {
            return 0; // an old incident seen late (a replay) is no recurrence now
        }
        // the replica row this event just wrote, and any link a problem in verification made to it, must be visible
        // to the SQL below (the groups leave linked incidents out)
        em.flush();
        if (isLinked(incident.incidentId())) {
            return 0; // linked to a problem (a reopen just took it): it counts for no group
        }
        List<Key> keys = new ArrayList<>();
        if (incident.ciId() != null) {
            keys.add(new Key(CandidateKind.CI, incident.ciId()));
            upstreamOf(incident.ciId()).forEach(root -> keys.add(new Key(CandidateKind.UPSTREAM_CI, root)));
        }
        if (incident.serviceId() != null) {
            keys.add(new Key(CandidateKind.SERVICE, incident.serviceId()));
        }
        Candidates candidates = new Candidates(now, keys.stream().map(Key::keyId).distinct().toList());
        Member newcomer = new Member(incident.incidentId(), incident.ciId(), incident.openedAt());
        List<UUID> upstreamToRead = new ArrayList<>();
        int created = 0;
        for (Key key : keys) {
            ProblemCandidate open = candidates.open.get(key);
            if (open != null) {
                join(open, List.of(newcomer), now);
            } else if (!candidates.quiet.contains(key)) {
                switch (key.kind()) {
                    case CI -> created += offer(candidates, key, group(GROUP_OF_CI, key.keyId(), from), from, now);
                    case SERVICE -> created += offer(candidates, key, group(GROUP_OF_SERVICE, key.keyId(), from), from, now);
                    case UPSTREAM_CI -> upstreamToRead.add(key.keyId());
                }
            }
        }
        if (!upstreamToRead.isEmpty()) {
            List<?> rows = query(UPSTREAM_GROUPS.formatted(GIVEN_ROOTS, DEPENDS, HOSTS, HITS_BY_CI))
                    .setParameter("roots", uuidArray(upstreamToRead))
                    .setParameter("depth", config.upstreamDepth())
                    .setParameter("from", Timestamp.from(from))
                    .setParameter("threshold", config.threshold(CandidateKind.UPSTREAM_CI))
                    .getResultList();
            for (Map.Entry<UUID, List<Member>> group : byKey(rows).entrySet()) {
                created += offer(candidates, new Key(CandidateKind.UPSTREAM_CI, group.getKey()), group.getValue(), from, now);
            }
        }
        return created;
    }

    private boolean isLinked(UUID incidentId) {
        return !query("select 1 from problem_incident where incident_id = :id").setParameter("id", incidentId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** The CIs {@code ciId} depends on, transitively within the configured depth. */
    private List<UUID> upstreamOf(UUID ciId) {
        List<?> rows = query("with recursive " + UPSTREAM_OF_CI + " select ci_id from roots")
                .setParameter("ci", ciId).setParameter("depth", config.upstreamDepth()).getResultList();
        return rows.stream().map(UUID.class::cast).toList();
    }

    private List<Member> group(String sql, UUID key, Instant from) {
        return members(query(sql).setParameter("key", key).setParameter("from", Timestamp.from(from)).getResultList());
    }

    /**
     * The full re-scan: every group of the window at or above its threshold becomes or joins a candidate, as if each
     * incident had just been opened. The sweep runs it, so groups that formed without an IncidentOpened to notice
     * them (a relation added to the catalogue later, a threshold lowered, a replica rebuilt) are found too. Returns
     * how many candidates were created.
     */
    @Transactional
    public int rescan() {
        Instant now = clock.instant();
        Instant from = now.minus(config.window());
        em.flush();
        Candidates candidates = new Candidates(now, null);
        int created = 0;
        for (CandidateKind kind : List.of(CandidateKind.CI, CandidateKind.SERVICE)) {
            List<?> rows = query(ALL_GROUPS.formatted(kind == CandidateKind.CI ? "ci_id" : "service_id", NOT_LINKED_NOR_CANCELED))
                    .setParameter("from", Timestamp.from(from))
                    .setParameter("threshold", config.threshold(kind))
                    .getResultList();
            for (Map.Entry<UUID, List<Member>> group : byKey(rows).entrySet()) {
                created += offer(candidates, new Key(kind, group.getKey()), group.getValue(), from, now);
            }
        }
        List<?> rows = query(UPSTREAM_GROUPS.formatted(EVERY_DEPENDENCY, DEPENDS, HOSTS, HITS_IN_WINDOW))
                .setParameter("depth", config.upstreamDepth())
                .setParameter("from", Timestamp.from(from))
                .setParameter("threshold", config.threshold(CandidateKind.UPSTREAM_CI))
                .getResultList();
        for (Map.Entry<UUID, List<Member>> group : byKey(rows).entrySet()) {
            created += offer(candidates, new Key(CandidateKind.UPSTREAM_CI, group.getKey()), group.getValue(), from, now);
        }
        return created;
    }

    /** Of {@code incidentIds}, those that still count for a candidate (known, not canceled, not linked). */
    @Transactional
    public List<Member> counting(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        return members(query(COUNTING).setParameter("ids", uuidArray(incidentIds)).getResultList());
    }

    /** The incidents of the candidate that still count (known, not canceled, not linked), oldest first. */
    @Transactional
    public List<Member> currentMembers(UUID candidateId) {
        return members(query(CURRENT_MEMBERS).setParameter("candidate", candidateId).getResultList());
    }

    /** A kind of key and the CI or service: what a candidate is about. */
    private record Key(CandidateKind kind, UUID keyId) {
    }

    /** At or above the kind's threshold; an upstream group also spans two CIs at least. */
    private boolean qualifies(CandidateKind kind, List<Member> group) {
        return group.size() >= config.threshold(kind)
                && (kind != CandidateKind.UPSTREAM_CI || group.stream().map(Member::ciId).distinct().count() >= 2);
    }

    /**
     * A qualifying group becomes a candidate or joins the key's OPEN one (incidents linked meanwhile are dropped on read
     * and by the sweep); returns 1 when created.
     */
    private int offer(Candidates candidates, Key key, List<Member> group, Instant from, Instant now) {
        if (!qualifies(key.kind(), group)) {
            return 0;
        }
        ProblemCandidate open = candidates.open.get(key);
        if (open != null) {
            join(open, group, now);
            return 0;
        }
        if (candidates.quiet.contains(key)) {
            return 0;
        }
        // Two consumers detecting the same key at once: the unique index (one OPEN per key) fails one transaction,
        // the platform retries its event, and the retry joins the candidate the other one created.
        Detection detection = ProblemCandidate.detect(key.kind(), key.keyId(), keyName(key.kind(), key.keyId()), group, from, now);
        detection.candidate().persist();
        em.flush(); // the member rows refer to the candidate's
        members.add(detection.candidate().id(), detection.members());
        candidates.open.put(key, detection.candidate());
        outbox.append(detection.event());
        return 1;
    }

    /** The incidents of {@code group} that are not members yet join the OPEN candidate: one row each. */
    private void join(ProblemCandidate open, List<Member> group, Instant now) {
        open.joined(members.add(open.id(), group.stream().sorted(ProblemCandidate.OLDEST_FIRST).toList()), now);
    }

    /**
     * The OPEN candidates and the quiet (dismissed) keys among {@code keyIds} ({@code null}: all of them, for the
     * re-scan), loaded in one query rather than two per key (each query would also flush the session).
     */
    private static final class Candidates {
        final Map<Key, ProblemCandidate> open = new HashMap<>();
        final Set<Key> quiet = new HashSet<>();

        /**
         * The candidates of some keys: {@code = any(array)}, one statement and one plan for any number of keys (runs for
         * every incident opened; HQL's {@code in ?4} is re-translated for each list size).
         */
        private static final String OF_KEYS = """
                select * from problem_candidate
                where key_id = any(?1) and (state = 'OPEN' or (state = 'DISMISSED' and dismissed_until > ?2))""";

        @SuppressWarnings("unchecked")
        Candidates(Instant now, List<UUID> keyIds) {
            List<ProblemCandidate> found = keyIds == null
                    ? ProblemCandidate.list("state = ?1 or (state = ?2 and dismissedUntil > ?3)", CandidateState.OPEN,
                            CandidateState.DISMISSED, now)
                    : Panache.getEntityManager().createNativeQuery(OF_KEYS, ProblemCandidate.class)
                            .setParameter(1, keyIds.toArray(UUID[]::new)).setParameter(2, now).getResultList();
            for (ProblemCandidate c : found) {
                if (c.state() == CandidateState.OPEN) {
                    open.put(new Key(c.kind(), c.keyId()), c);
                } else {
                    quiet.add(new Key(c.kind(), c.keyId()));
                }
            }
        }
    }

    private static String keyName(CandidateKind kind, UUID keyId) {
        if (kind == CandidateKind.SERVICE) {
            return "service " + keyId; // the problem replica has no service names; the id is what incidents carry
        }
        CatalogCi ci = CatalogCi.findById(keyId);
        return ci != null && ci.name() != null ? ci.name() : "CI " + keyId;
    }

    private Query query(String sql) {
        return em.createNativeQuery(sql);
    }

    /** Rows (incident_id, ci_id, opened_at) as members. */
    private static List<Member> members(List<?> rows) {
        List<Member> members = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            members.add(new Member((UUID) r[0], (UUID) r[1], instant(r[2])));
        }
        return members;
    }

    /** Rows (key, incident_id, ci_id, opened_at) as members by key, in the order the keys came. */
    private static Map<UUID, List<Member>> byKey(List<?> rows) {
        Map<UUID, List<Member>> groups = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            groups.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new Member((UUID) r[1], (UUID) r[2], instant(r[3])));
        }
        return groups;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        } else if (value instanceof Timestamp t) {
            return t.toInstant();
        } else if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }

    /** A PostgreSQL array literal ({@code {a,b}}) bound as text and cast: one parameter however many ids. */
    /**
     * {@code ids} as a PostgreSQL array literal, bound as text and cast in the statement. Use it only where the cast is
     * evaluated once — {@code unnest(cast(:x as uuid[]))} as a row source or {@code in (select unnest(…))} — never in a
     * row filter such as {@code = any(cast(:x as uuid[]))}: a cast from text is not folded into a constant, so a
     * filter parses the whole literal again for every row it looks at (a candidate of 5,118 incidents took 25 s to
     * view that way, quadratic in its size).
     */
    static String uuidArray(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
