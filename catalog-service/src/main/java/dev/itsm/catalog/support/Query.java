package dev.itsm.catalog.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.function.Function;

/** Builds an HQL filter from optional criteria, with named parameters only (no user text in the query). */
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

    /** Case-insensitive substring match of {@code text} against {@code expressions} (any of them). */
    public Query text(String text, String... expressions) {
        if (text != null && !text.isBlank()) {
            List<String> ors = new ArrayList<>();
            for (String e : expressions) {
                ors.add("lower(coalesce(" + e + ", '')) like :q escape '\\'");
            }
            clauses.add("(" + String.join(" or ", ors) + ")");
            String escaped = text.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("q", "%" + escaped + "%");
        }
        return this;
    }

    public String where() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    public Map<String, Object> params() {
        return params;
    }

    /** Runs {@code query} for one page and counts all matches. */
    public static <E, T> Page<T> page(PanacheQuery<E> query, PageRequest page, Function<E, T> mapper) {
        long total = query.count();
        List<T> items = query.page(io.quarkus.panache.common.Page.of(page.page(), page.size())).list().stream().map(mapper).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }
}
