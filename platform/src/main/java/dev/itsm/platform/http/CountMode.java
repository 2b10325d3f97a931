package dev.itsm.platform.http;

import java.util.Locale;

import dev.itsm.platform.problem.ValidationException;

/**
 * {@code ?count=}: how a list counts the rows matching its filters. An exact {@code count(*)} over a
 * million rows costs more than the page itself, so by default a first page counts at most
 * {@value #BOUND} rows ({@code totalExact: false} beyond) and a page reached by cursor does not count.
 */
public enum CountMode {
    /** Count every matching row. */
    EXACT,
    /** Count up to {@link #BOUND} rows; beyond, {@code total} is a lower bound and {@code totalExact} false. */
    BOUNDED,
    /** Do not count: {@code total} is absent. */
    NONE;

    /** Rows a bounded count looks at, at most. */
    public static final int BOUND = 10_000;

    /** The parameter's value; {@code null}/blank means the default for the request (see {@link PageRequest}). */
    public static CountMode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("count", "must be one of exact, bounded, none");
        }
    }
}
