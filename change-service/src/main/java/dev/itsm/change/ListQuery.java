package dev.itsm.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Count;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.ValidationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * One page of a list of entities of one table: the filters as SQL predicates, keyset-paged with the
 * platform's {@link Keyset} (the page after a cursor is an index range read, never an OFFSET), the
 * count as {@code ?count=} asks (bounded by default: no {@code count(*)} over every row), and the
 * changes feed window when the request has {@code updatedSince}.
 * <p>
 * Native SQL rather than HQL: the filters use jsonb containment ({@code service_ids @> …}), which HQL
 * cannot write, and the statement is then exactly the one the indexes of V4__list_indexes.sql serve.
 * Column expressions of the keyset are therefore column names.
 */
public final class ListQuery<T> {

    private final Class<T> type;
    private final String table;
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    public ListQuery(Class<T> type, String table) {
        this.type = type;
        this.table = table;
    }

    /**
     * The feed window of a request ({@code null}: not a feed request); 400 naming {@code sort} when it
     * also asks for a sort: a feed is always in (updatedAt, id) order.
     */
    public static ChangesFeed.Window feedWindow(ChangesFeed feed, String updatedSince, String sort) {
        ChangesFeed.Window window = feed.window(updatedSince);
        if (window != null && QueryParams.text(sort) != null) {
            throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order");
        }
        return window;
    }

    /** Adds {@code predicate}, whose parameter {@code :name} is {@code value}; nothing when {@code value} is null. */
    public ListQuery<T> where(String predicate, String name, Object value) {
        if (value != null) {
            where.add(predicate);
            params.put(name, value);
        }
        return this;
    }

    /**
     * The page {@code request} asks for in {@code keys}' order; a feed page ({@link ChangesFeed#page})
     * when {@code feed} is given, whose rows are those updated in its window ({@code updated_at}).
     */
    public Page<T> page(EntityManager em, Keyset<T> keys, PageRequest request, ChangesFeed.Window feed) {
        Map<String, Object> filterParams = new LinkedHashMap<>(params);
        List<String> filters = new ArrayList<>(where);
        if (feed != null) {
            filters.add(ChangesFeed.where(feed, "updated_at", filterParams));
        }
        Map<String, Object> pageParams = new LinkedHashMap<>(filterParams);
        List<String> conditions = new ArrayList<>(filters);
        String after = keys.after(request, pageParams);
        if (after != null) {
            conditions.add(after);
        }
        // one row more than the page: it only tells whether there is a next page
        Query select = em.createNativeQuery("select * from " + table + where(conditions) + " order by " + keys.orderBy()
                + " limit :pageLimit" + (request.byCursor() || request.offset() == 0 ? "" : " offset :pageOffset"), type);
        pageParams.forEach(select::setParameter);
        select.setParameter("pageLimit", request.size() + 1);
        if (!request.byCursor() && request.offset() > 0) {
            select.setParameter("pageOffset", request.offset());
        }
        @SuppressWarnings("unchecked")
        List<T> rows = select.getResultList();
        String filter = where(filters);
        Count count = Count.of(request.count(), atMost -> {
            Query q = em.createNativeQuery("select count(*) from (select 1 from " + table + filter + " limit :atMost) m");
            filterParams.forEach(q::setParameter);
            q.setParameter("atMost", atMost);
            return ((Number) q.getSingleResult()).longValue();
        });
        return feed != null ? ChangesFeed.page(keys, rows, request, count) : keys.page(rows, request, count);
    }

    private static String where(List<String> predicates) {
        return predicates.isEmpty() ? "" : " where " + String.join(" and ", predicates);
    }
}
