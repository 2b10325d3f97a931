package dev.itsm.platform.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * One page of a list over one table, in native SQL: the filter's conditions, the keyset's "after the
 * cursor" predicate, {@code size + 1} rows in the keyset's order (by OFFSET only for a page number), and
 * the count the request asks for. Native rather than HQL because Hibernate ORM 7.2 binds an enum inside
 * a row-value comparison by its ordinal, and wants an ORDER BY in the count's limited subquery (which
 * would make the database sort what it only counts). Keyset columns are SQL column names here, and enum
 * values are bound by name (the columns hold {@code EnumType.STRING}).
 */
public final class NativeKeysetQuery<T> {

    private final String table;
    private final Class<T> entity;
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    public NativeKeysetQuery(String table, Class<T> entity) {
        this.table = table;
        this.entity = entity;
    }

    /** Adds a condition with its named parameters (enums are bound by name). */
    public NativeKeysetQuery<T> where(String condition, Map<String, Object> values) {
        where.add(condition);
        values.forEach((name, value) -> params.put(name, value instanceof Enum<?> e ? e.name() : value));
        return this;
    }

    /** Adds the changes feed's window on {@code updatedAtColumn}. */
    public NativeKeysetQuery<T> feed(ChangesFeed.Window window, String updatedAtColumn) {
        Map<String, Object> values = new HashMap<>();
        where.add(ChangesFeed.where(window, updatedAtColumn, values));
        params.putAll(values);
        return this;
    }

    /** The page {@code request} asks for, in {@code keys}' order; a feed page when {@code feed} (see {@link ChangesFeed#page}). */
    @SuppressWarnings("unchecked")
    public Page<T> page(EntityManager em, Keyset<T> keys, PageRequest request, boolean feed) {
        List<String> conditions = new ArrayList<>(where);
        Map<String, Object> values = new HashMap<>(params);
        if (request.byCursor()) {
            conditions.add(keys.after(request.cursor(), value -> {
                String name = "keyset" + values.size();
                values.put(name, value instanceof Enum<?> e ? e.name() : value);
                return ":" + name;
            }));
        }
        Query query = em.createNativeQuery("select * from " + table + whereClause(conditions) + " order by " + keys.orderBy()
                + " limit :pageLimit offset :pageOffset", entity);
        values.forEach(query::setParameter);
        query.setParameter("pageLimit", request.size() + 1).setParameter("pageOffset", request.byCursor() ? 0 : request.offset());
        List<T> rows = query.getResultList();
        Count count = Count.of(request.count(), atMost -> countAtMost(em, atMost));
        return feed ? ChangesFeed.page(keys, rows, request, count) : keys.page(rows, request, count);
    }

    /** {@code count(*)} of the matching rows, looking at no more than {@code atMost} of them. */
    private long countAtMost(EntityManager em, long atMost) {
        String rows = "select 1 from " + table + whereClause(where);
        Query query = em.createNativeQuery(atMost == Long.MAX_VALUE ? "select count(*) from (" + rows + ") m"
                : "select count(*) from (" + rows + " limit :atMost) m", Long.class);
        params.forEach(query::setParameter);
        if (atMost != Long.MAX_VALUE) {
            query.setParameter("atMost", atMost);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    private static String whereClause(List<String> conditions) {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }
}
