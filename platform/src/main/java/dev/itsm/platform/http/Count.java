package dev.itsm.platform.http;

import java.util.function.LongUnaryOperator;

/** The {@code total} of a page: a number, and whether it is exact or a lower bound. */
public record Count(long value, boolean exact) {

    /**
     * Counts as {@code mode} asks. {@code countAtMost} counts the matching rows, stopping after the
     * given number ({@code Long.MAX_VALUE}: all of them), e.g. native {@code select count(*) from
     * (select 1 … limit ?) m} (HQL accepts a {@code limit} in a subquery only with an {@code order by});
     * returns {@code null} for {@link CountMode#NONE}.
     */
    public static Count of(CountMode mode, LongUnaryOperator countAtMost) {
        return switch (mode) {
            case NONE -> null;
            case EXACT -> new Count(countAtMost.applyAsLong(Long.MAX_VALUE), true);
            case BOUNDED -> {
                long n = countAtMost.applyAsLong(CountMode.BOUND + 1L);
                yield n > CountMode.BOUND ? new Count(CountMode.BOUND, false) : new Count(n, true);
            }
        };
    }
}
