package dev.itsm.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.itsm.platform.problem.ValidationException;

/**
 * {@code ?sort=field,-other}: a list of fields, {@code -} for descending. Only fields a resource
 * allows are accepted (mapped to their column), so sorting can never inject SQL.
 */
public record Sort(List<Order> orders) {

    public record Order(String column, boolean descending) {
    }

    /** A sort token: an optional sign and a field name (letters, digits, {@code _ .}), nothing else. */
    private static final Pattern TOKEN = Pattern.compile("[+-]?[A-Za-z0-9_.]*");

    /**
     * @param spec    the raw parameter, may be null or blank
     * @param allowed API field name → column/property name
     * @param fallback used when {@code spec} names no field ({@code ""}, {@code ","}, {@code " , "})
     */
    public static Sort parse(String spec, Map<String, String> allowed, String fallback) {
        List<Order> orders = orders(spec == null ? "" : spec, allowed);
        // an empty list would make an empty ORDER BY: no field named means the default order
        return new Sort(orders.isEmpty() ? orders(fallback, allowed) : orders);
    }

    private static List<Order> orders(String source, Map<String, String> allowed) {
        List<Order> orders = new ArrayList<>();
        for (String raw : source.split(",", -1)) {
            String part = raw.strip();
            if (!TOKEN.matcher(part).matches()) {
                throw new ValidationException("sort", "'" + printable(part) + "' is not a field name; allowed: "
                        + String.join(", ", allowed.keySet().stream().sorted().toList()));
            }
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
        return List.copyOf(orders);
    }

    /** The token as it can be shown in a problem: control characters as {@code \\uXXXX}. */
    private static String printable(String token) {
        StringBuilder out = new StringBuilder();
        token.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** {@code a asc, b desc} for an ORDER BY clause (columns come from the allow-list only). */
    public String toOrderBy() {
        return String.join(", ", orders.stream().map(o -> o.column() + (o.descending() ? " desc" : " asc")).toList());
    }
}
