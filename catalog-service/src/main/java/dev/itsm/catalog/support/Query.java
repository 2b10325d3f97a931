package dev.itsm.catalog.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Count;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * One page of a catalogue list: an HQL filter built from optional criteria (named parameters only, no
 * user text in the query), read in a {@link Listing}'s keyset order from an index (a page number costs
 * an OFFSET, a cursor does not), counted as {@code ?count=} asks, or the changes feed of the collection.
 */
public final class Query {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    public Query when(Object value, String clause, String param) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            clauses.add(clause);
            params.put(param, value);
        }
        return this;
    }

    /**
     * Full-text search of {@code text} in the aggregate's search document (GIN index; words match whole and
     * case-insensitively, quotes make a phrase, {@code -word} excludes: {@link dev.itsm.platform.search.TextSearchFunctions}).
     */
    public Query search(String text) {
        if (text != null && !text.isBlank()) {
            clauses.add("text_matches(searchDocument, :q) = true");
            params.put("q", text.strip());
        }
        return this;
    }

    public String where() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    public Map<String, Object> params() {
        return params;
    }

    /**
     * The page {@code request} asks for: {@code size + 1} rows from the cursor (or the page's offset) in
     * {@code sort}'s order, or of the changes feed {@code feed} when given ({@code sort} is then null).
     */
    public <E extends VersionedAggregate, T> Page<T> page(Listing<E> listing, Sort sort, ChangesFeed.Window feed,
            PageRequest request, Function<E, T> mapper) {
        if (feed != null) {
            clauses.add(ChangesFeed.where(feed, "updatedAt", params));
        }
        Keyset<E> keys = listing.keys(sort);
        String entity = listing.entity().getSimpleName();
        String filter = where();
        Map<String, Object> pageParams = new HashMap<>(params);
        String after = keys.after(request, pageParams);
        EntityManager em = Panache.getEntityManager(listing.entity());
        TypedQuery<E> query = em.createQuery("from " + entity + " where " + filter + (after == null ? "" : " and " + after)
                + " order by " + keys.orderBy(), listing.entity());
        pageParams.forEach(query::setParameter);
        List<E> rows = query.setFirstResult(request.byCursor() ? 0 : request.offset()).setMaxResults(request.size() + 1)
                .getResultList();
        Count count = Count.of(request.count(), atMost -> count(em, entity, filter, keys.orderBy(), atMost));
        Page<E> page = feed != null ? ChangesFeed.page(keys, rows, request, count) : keys.page(rows, request, count);
        return page.map(mapper);
    }

    /** The rows matching the filter, counting no more than {@code atMost} of them. */
    private long count(EntityManager em, String entity, String filter, String orderBy, long atMost) {
        TypedQuery<Long> query;
        if (atMost == Long.MAX_VALUE) {
            query = em.createQuery("select count(*) from " + entity + " where " + filter, Long.class);
        } else {
            // a bounded count stops reading after atMost rows, however many match; HQL wants an order with a
            // limit in a subquery: the page's, which its index serves
            query = em.createQuery("select count(*) from (select id as id from " + entity + " where " + filter
                    + " order by " + orderBy + " limit :countLimit) m", Long.class);
            query.setParameter("countLimit", (int) Math.min(atMost, Integer.MAX_VALUE));
        }
        params.forEach(query::setParameter);
        return query.getSingleResult();
    }
}
