package dev.itsm.platform.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.itsm.platform.problem.ValidationException;

/**
 * Keyset ("seek") paging: the next page starts after the last row served, found by an index range
 * instead of an OFFSET, so page 20,000 costs what page 1 costs. A keyset is an ordered list of
 * columns ending in a unique one (the id); it writes the ORDER BY, the "after this row" predicate
 * for a {@link Cursor}, and the cursor of a page's last row.
 *
 * <pre>{@code
 * Keyset<Incident> keys = Keyset.of(sort, COLUMNS, List.of(OPENED_AT, ID));
 * String after = keys.after(request, params);            // null on a first page
 * ... "where ..." + (after == null ? "" : " and " + after) + " order by " + keys.orderBy()
 * List<Incident> rows = query.setMaxResults(request.size() + 1).getResultList();
 * return keys.page(rows, request, count);
 * }</pre>
 */
public final class Keyset<T> {

    /**
     * A column a list can be ordered by: its query expression (JPQL/HQL or SQL — whatever the
     * service's query uses), the Java type of its values, whether it can be null, and how to read it
     * from a row.
     */
    public record Column<T>(String expression, Class<?> type, boolean nullable, Function<T, ?> value) {

        public static <T> Column<T> of(String expression, Class<?> type, Function<T, ?> value) {
            return new Column<>(expression, type, false, value);
        }

        public static <T> Column<T> nullable(String expression, Class<?> type, Function<T, ?> value) {
            return new Column<>(expression, type, true, value);
        }
    }

    private record Key<T>(Column<T> column, boolean descending) {
    }

    private final List<Key<T>> keys;
    private final String order;

    private Keyset(List<Key<T>> keys) {
        this(keys, String.join(",", keys.stream().map(k -> (k.descending() ? "-" : "") + k.column().expression()).toList()));
    }

    private Keyset(List<Key<T>> keys, String order) {
        this.keys = List.copyOf(keys);
        this.order = order;
    }

    /**
     * The order {@code sort} asks for, then each of {@code tieBreaks} not already in it, in the direction
     * of the sort's last field (so one index serves the order both ways). The last tie-break must be
     * unique (the id). {@code columns} are the sortable columns, matched to the sort by expression.
     */
    public static <T> Keyset<T> of(Sort sort, List<Column<T>> columns, List<Column<T>> tieBreaks) {
        List<Key<T>> keys = new ArrayList<>();
        for (Sort.Order o : sort.orders()) {
            Column<T> c = columns.stream().filter(x -> x.expression().equals(o.column())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no keyset column for " + o.column()));
            if (keys.stream().noneMatch(k -> k.column().expression().equals(c.expression()))) {
                keys.add(new Key<>(c, o.descending()));
            }
        }
        boolean lastDescending = !keys.isEmpty() && keys.get(keys.size() - 1).descending();
        for (Column<T> t : tieBreaks) {
            if (keys.stream().noneMatch(k -> k.column().expression().equals(t.expression()))) {
                keys.add(new Key<>(t, lastDescending));
            }
        }
        return new Keyset<>(keys);
    }

    /** Every column in one direction, e.g. a changes feed: {@code (updatedAt, id)} ascending. */
    public static <T> Keyset<T> ascending(List<Column<T>> columns) {
        return new Keyset<>(columns.stream().map(c -> new Key<>(c, false)).toList());
    }

    /**
     * The same keys for one part of a list that is served part after part, each part in this order (e.g. a text
     * search: the matches in the title first, then the others, each newest first). Its cursors name the part, so a
     * cursor says which part the next page continues ({@link #gaveOut}).
     */
    public Keyset<T> part(String name) {
        return new Keyset<>(keys, name + ":" + order);
    }

    /** Whether the request's cursor was given out by this keyset (this order, this part); false without a cursor. */
    public boolean gaveOut(PageRequest request) {
        return request.byCursor() && Cursor.parse(request.cursor()).order().equals(order);
    }

    /** {@code a desc, b desc} — nulls placed as PostgreSQL's indexes place them (last ascending, first descending). */
    public String orderBy() {
        return String.join(", ", keys.stream().map(k -> k.column().expression() + (k.descending() ? " desc" : " asc")
                + (k.column().nullable() ? (k.descending() ? " nulls first" : " nulls last") : "")).toList());
    }

    /** The cursor's identity of this order: a cursor is only valid for the order that gave it out. */
    public String order() {
        return order;
    }

    /**
     * The predicate "after the cursor's row" with JPQL named parameters {@code :keyset0…} put into
     * {@code params}; {@code null} when the request has no cursor.
     */
    public String after(PageRequest request, Map<String, Object> params) {
        if (!request.byCursor()) {
            return null;
        }
        return after(request.cursor(), value -> {
            String name = "keyset" + params.size();
            params.put(name, value);
            return ":" + name;
        });
    }

    /**
     * The predicate "after the row of {@code token}"; {@code bind} receives each value and returns
     * the placeholder to write (a named parameter, or {@code ?} for JDBC, in the order called).
     */
    public String after(String token, Function<Object, String> bind) {
        List<Object> values = values(Cursor.decode(token, order, keys.size()));
        boolean plain = keys.stream().noneMatch(k -> k.column().nullable())
                && keys.stream().allMatch(k -> k.descending() == keys.get(0).descending());
        if (plain) {
            // one row-value comparison: PostgreSQL turns it into an index range condition. Hibernate cannot infer a
            // parameter's type from its place in a row value and would bind an enum by its ordinal: enum columns are
            // stored by name (@Enumerated(STRING)), so the names are bound (the expanded form below infers the type
            // from the column compared and needs the enum itself)
            List<String> placeholders = values.stream().map(v -> v instanceof Enum<?> e ? e.name() : v).map(bind).toList();
            return "(" + String.join(", ", keys.stream().map(k -> k.column().expression()).toList()) + ")"
                    + (keys.get(0).descending() ? " < " : " > ") + "(" + String.join(", ", placeholders) + ")";
        }
        Key<T> first = keys.get(0);
        if (values.get(0) != null && !first.column().nullable()) {
            // a bound on the leading column lets the index start at the cursor rather than filter from the top
            // (placeholders are bound in the order they appear: JDBC's ? are positional)
            String bound = first.column().expression() + (first.descending() ? " <= " : " >= ") + bind.apply(values.get(0));
            return "(" + bound + " and " + afterFrom(0, values, bind) + ")";
        }
        return afterFrom(0, values, bind);
    }

    private String afterFrom(int i, List<Object> values, Function<Object, String> bind) {
        Key<T> k = keys.get(i);
        String e = k.column().expression();
        Object v = values.get(i);
        String strictly;
        if (v == null) {
            // nulls sort last ascending and first descending
            strictly = k.descending() ? e + " is not null" : null;
        } else {
            strictly = e + (k.descending() ? " < " : " > ") + bind.apply(v);
            if (k.column().nullable() && !k.descending()) {
                strictly = "(" + strictly + " or " + e + " is null)";
            }
        }
        if (i == keys.size() - 1) {
            return strictly == null ? "1 = 0" : strictly;
        }
        String equal = v == null ? e + " is null" : e + " = " + bind.apply(v);
        String rest = "(" + equal + " and " + afterFrom(i + 1, values, bind) + ")";
        return strictly == null ? rest : "(" + strictly + " or " + rest + ")";
    }

    /** The cursor after {@code row}. */
    public Cursor cursorAfter(T row) {
        List<String> values = new ArrayList<>();
        for (Key<T> k : keys) {
            Object v = k.column().value().apply(row);
            values.add(v == null ? null : v instanceof Enum<?> e ? e.name() : v.toString());
        }
        return new Cursor(order, values);
    }

    /**
     * The page of {@code request} from rows fetched with {@code setMaxResults(request.size() + 1)}: the
     * extra row, if any, only tells that there is a next page, whose cursor follows the last row served.
     */
    public Page<T> page(List<T> rows, PageRequest request, Count count) {
        boolean more = rows.size() > request.size();
        List<T> items = more ? rows.subList(0, request.size()) : rows;
        String next = more ? cursorAfter(items.get(items.size() - 1)).encode() : null;
        return Page.of(List.copyOf(items), request, count, next);
    }

    private List<Object> values(Cursor cursor) {
        List<Object> typed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Column<T> c = keys.get(i).column();
            String raw = cursor.values().get(i);
            if (raw == null && !c.nullable()) {
                throw Cursor.invalid();
            }
            typed.add(raw == null ? null : parse(raw, c.type()));
        }
        return typed;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object parse(String raw, Class<?> type) {
        try {
            if (type == String.class) {
                return raw;
            } else if (type == UUID.class) {
                return UUID.fromString(raw);
            } else if (type == Instant.class) {
                return Instant.parse(raw);
            } else if (type == LocalDate.class) {
                return LocalDate.parse(raw);
            } else if (type == Long.class || type == long.class) {
                return Long.valueOf(raw);
            } else if (type == Integer.class || type == int.class) {
                return Integer.valueOf(raw);
            } else if (type == BigDecimal.class) {
                return new BigDecimal(raw);
            } else if (type == Boolean.class || type == boolean.class) {
                return Boolean.valueOf(raw);
            } else if (type.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) type, raw);
            }
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor this list gave out; use the 'next' value of a page");
        }
        throw new IllegalArgumentException("no cursor conversion for " + type);
    }
}
