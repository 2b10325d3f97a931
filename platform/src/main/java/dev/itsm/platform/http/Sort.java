package dev.itsm.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.itsm.platform.problem.ValidationException;

/**
 * {@code ?sort=field,-other}: a list of fields, {@code -} for descending. Only fields a resource
 * allows are accepted (mapped to their column), so sorting can never inject SQL.
 */
public record Sort(List<Order> orders) {

    public record Order(String column, boolean descending) {
    }

    /**
     * @param spec    the raw parameter, may be null or blank
     * @param allowed API field name → column/property name
     * @param fallback used when {@code spec} is blank
     */
    public static Sort parse(String spec, Map<String, String> allowed, String fallback) {
        String source = spec == null || spec.isBlank() ? fallback : spec;
        List<Order> orders = new ArrayList<>();
        for (String raw : source.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue;
            }
            boolean desc = part.startsWith("-");
            String field = desc || part.startsWith("+") ? part.substring(1) : part;
            String column = allowed.get(field);
            if (column == null) {
                throw new ValidationException("sort", "cannot sort by '" + field + "'; allowed: "
                        + String.join(", ", allowed.keySet().stream().sorted().toList()));
            }
            orders.add(new Order(column, desc));
        }
        return new Sort(List.copyOf(orders));
    }

    /** {@code a asc, b desc} for an ORDER BY clause (columns come from the allow-list only). */
    public String toOrderBy() {
        return String.join(", ", orders.stream().map(o -> o.column() + (o.descending() ? " desc" : " asc")).toList());
    }
}
