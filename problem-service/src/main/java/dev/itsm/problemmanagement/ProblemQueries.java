package dev.itsm.problemmanagement;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.problemmanagement.api.LinkedChangeView;
import dev.itsm.problemmanagement.api.LinkedIncidentView;
import dev.itsm.problemmanagement.replica.ChangeReplica;
import dev.itsm.problemmanagement.replica.IncidentReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Read side: filtered, sorted, keyset-paged lists, the changes feed, and a problem's links. */
@ApplicationScoped
public class ProblemQueries {

    /** API sort field → SQL column (the allow-list for {@code ?sort=}). */
    public static final Map<String, String> SORTABLE = Map.of(
            "number", "number",
            "loggedAt", "logged_at",
            "updatedAt", "updated_at",
            "priority", "priority",
            "state", "state",
            "title", "title");

    /** The order when {@code sort} names no field: newest first. */
    public static final String DEFAULT_SORT = "-loggedAt";

    static final Keyset.Column<Problem> NUMBER = Keyset.Column.of("number", String.class, Problem::number);
    static final Keyset.Column<Problem> LOGGED_AT = Keyset.Column.of("logged_at", Instant.class, Problem::loggedAt);
    static final Keyset.Column<Problem> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, Problem::updatedAt);
    static final Keyset.Column<Problem> PRIORITY = Keyset.Column.of("priority", Priority.class, Problem::priority);
    static final Keyset.Column<Problem> STATE = Keyset.Column.of("state", ProblemState.class, Problem::state);
    static final Keyset.Column<Problem> TITLE = Keyset.Column.of("title", String.class, Problem::title);
    static final Keyset.Column<Problem> ID = Keyset.Column.of("id", UUID.class, Problem::id);
    private static final List<Keyset.Column<Problem>> COLUMNS = List.of(NUMBER, LOGGED_AT, UPDATED_AT, PRIORITY, STATE, TITLE);
    /** Equal values are ordered by loggedAt, then id, in the direction of the last sort field. */
    private static final List<Keyset.Column<Problem>> TIE_BREAKS = List.of(LOGGED_AT, ID);
    /** The changes feed's order; index problem_updated_at. */
    static final Keyset<Problem> FEED = Keyset.ascending(List.of(UPDATED_AT, ID));

    private final EntityManager em;

    ProblemQueries(EntityManager em) {
        this.em = em;
    }

    /** One page in the asked order, or of the changes feed ({@code (updatedAt, id)}) when {@code feed} is given. */
    public Page<Problem> list(ProblemFilter filter, Sort sort, PageRequest page, ChangesFeed.Window feed) {
        NativeKeysetQuery<Problem> query = new NativeKeysetQuery<>("problem", Problem.class);
        filter.applyTo(query);
        if (feed != null) {
            query.feed(feed, UPDATED_AT.expression());
        }
        Keyset<Problem> keys = feed != null ? FEED
                : Keyset.of(sort != null ? sort : Sort.parse(DEFAULT_SORT, SORTABLE, DEFAULT_SORT), COLUMNS, TIE_BREAKS);
        return query.page(em, keys, page, feed != null);
    }

    /**
     * One page of the problem's incidents with what the replica knows of them, oldest link first: one statement for the
     * page and one for the count, however many are linked (a problem accepted from a busy service's candidate links
     * thousands; reading each from the replica by id took 0.7 s a page for 5,118).
     */
    @SuppressWarnings("unchecked")
    public Page<LinkedIncidentView> incidents(UUID problemId, PageRequest page) {
        List<Object[]> rows = em.createNativeQuery("select l.incident_id, r.number, r.title, r.state, r.priority, r.service_id,"
                + " r.ci_id, r.opened_at, l.linked_at, l.linked_by from problem_incident l"
                + " left join incident_replica r on r.incident_id = l.incident_id where l.problem_id = ?1"
                + " order by l.linked_at, l.incident_id offset ?2 limit ?3")
                .setParameter(1, problemId).setParameter(2, page.offset()).setParameter(3, page.size()).getResultList();
        List<LinkedIncidentView> views = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            views.add(new LinkedIncidentView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (UUID) r[5], (UUID) r[6], instant(r[7]), instant(r[8]), (String) r[9]));
        }
        long total = ((Number) em.createNativeQuery("select count(*) from problem_incident where problem_id = ?1")
                .setParameter(1, problemId).getSingleResult()).longValue();
        return new Page<>(views, page.page(), page.size(), total);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return value == null ? null : value instanceof Instant i ? i : ((Timestamp) value).toInstant();
    }

    /** The problem's changes with what the replica knows of them, oldest link first. */
    public List<LinkedChangeView> changes(Problem problem) {
        List<LinkedChangeView> views = new ArrayList<>();
        problem.changeLinks().stream().sorted(Comparator.comparing(ChangeLink::linkedAt).thenComparing(ChangeLink::changeId))
                .forEach(l -> {
                    ChangeReplica r = ChangeReplica.findById(l.changeId());
                    views.add(new LinkedChangeView(l.changeId(), l.relation(), r == null ? null : r.number(),
                            r == null ? null : r.title(), r == null ? null : r.state(), r != null && r.implemented(),
                            l.linkedAt(), l.linkedBy()));
                });
        return views;
    }
}
