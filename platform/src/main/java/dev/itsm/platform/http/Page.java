package dev.itsm.platform.http;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: {@code {items, page, size, total}}. */
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "Zero-based page number", example = "0") int page,
        @Schema(description = "Requested page size", example = "50") int size,
        @Schema(description = "Number of items matching the query, over all pages", example = "1234") long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /** Index of the last page (0 when empty). */
    public int lastPage() {
        return total == 0 ? 0 : (int) ((total - 1) / size);
    }
}
