package dev.itsm.catalog.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ValidationException;

/**
 * How one catalogue collection is listed: the fields {@code sort} allows (API name → query column),
 * its default order, and the keyset that pages it (keyset paging, {@link Keyset}).
 * <p>
 * Every order ends in the id. A sort by a low-cardinality field (a state, a type, an owner: many rows
 * share a value) is tied by the default order before the id, so the index that serves "filtered by
 * it, default order" also serves "sorted by it" (V2__catalog_read_path.sql); any other field (name,
 * the timestamps) is tied by the id alone. The changes feed is always {@code (updatedAt, id)}.
 */
public final class Listing<E extends VersionedAggregate> {

    private final Class<E> entity;
    private final Map<String, String> sortable = new LinkedHashMap<>();
    private final List<Keyset.Column<E>> columns = new ArrayList<>();
    private final List<Keyset.Column<E>> defaultOrder = new ArrayList<>();
    private final Set<String> grouping;
    private final String defaultSort;
    private final Keyset.Column<E> id;
    private final Keyset.Column<E> updatedAt;

    private Listing(Class<E> entity, String defaultSort, Set<String> grouping) {
        this.entity = entity;
        this.defaultSort = defaultSort;
        this.grouping = grouping;
        this.id = Keyset.Column.of("id", UUID.class, VersionedAggregate::id);
        this.updatedAt = Keyset.Column.of("updatedAt", Instant.class, VersionedAggregate::updatedAt);
    }

    /**
     * A collection of {@code entity} in {@code defaultSort} order (an API field added with
     * {@link #field}); {@code grouping} names the query columns of low-cardinality fields.
     */
    public static <E extends VersionedAggregate> Listing<E> of(Class<E> entity, String defaultSort, Set<String> grouping) {
        return new Listing<>(entity, defaultSort, grouping);
    }

    /** A sortable field: its API name, its query column, the column's Java type and how to read it from a row. */
    public Listing<E> field(String name, String column, Class<?> type, Function<E, ?> value) {
        sortable.put(name, column);
        if (columns.stream().noneMatch(c -> c.expression().equals(column))) {
            columns.add(Keyset.Column.of(column, type, value));
        }
        if (name.equals(defaultSort)) {
            defaultOrder.add(columns.stream().filter(c -> c.expression().equals(column)).findFirst().orElseThrow());
        }
        return this;
    }

    /** {@code createdAt} and {@code updatedAt}, which every catalogue collection can be sorted by. */
    public Listing<E> timestamps() {
        field("createdAt", "createdAt", Instant.class, VersionedAggregate::createdAt);
        sortable.put("updatedAt", "updatedAt");
        columns.add(updatedAt);
        return this;
    }

    public Class<E> entity() {
        return entity;
    }

    /**
     * {@code ?sort=} read against the allowed fields (400 naming sort otherwise); a changes feed has its own
     * order, so a feed request that also sends a sort is a 400 naming sort. {@code null} for a feed.
     */
    public Sort sort(String raw, ChangesFeed.Window feed) {
        if (feed != null) {
            if (QueryParams.text(raw) != null) {
                throw new ValidationException("sort", "a changes feed (updatedSince) is always in (updatedAt, id) order: "
                        + "send no sort with it");
            }
            return null;
        }
        return Sort.parse(raw, sortable, defaultSort);
    }

    /** The keyset of a list in {@code sort}'s order, or of the feed ({@code sort} null). */
    public Keyset<E> keys(Sort sort) {
        if (sort == null) {
            return Keyset.ascending(List.of(updatedAt, id));
        }
        List<Keyset.Column<E>> tieBreaks = new ArrayList<>();
        if (grouping.contains(sort.orders().get(0).column())) {
            tieBreaks.addAll(defaultOrder);
        }
        tieBreaks.add(id);
        return Keyset.of(sort, columns, tieBreaks);
    }
}
