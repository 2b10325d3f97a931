package dev.itsm.platform.http;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list: {@code {items, page, size, total, totalExact, next}}. {@code page} is absent on
 * a page reached by cursor; {@code total} is absent when not counted ({@link CountMode}); {@code next}
 * is the cursor of the following page, absent on the last one.
 */
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0")
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
        @Schema(description = "Requested page size", example = "50") int size,
        @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a lower "
                + "bound (see the count parameter); absent when not counted", example = "1234")
        @JsonInclude(JsonInclude.Include.NON_NULL) Long total,
        @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total", example = "true")
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean totalExact,
        @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
                + "Absent on the last page", example = "eyJvIjoiLW9wZW5lZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ")
        @JsonInclude(JsonInclude.Include.NON_NULL) String next) {

    /** A page-numbered page with an exact total and no cursor (small collections). */
    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true, null);
    }

    /** A page of {@code request} with the count taken as it asked ({@code null}: not counted). */
    public static <T> Page<T> of(List<T> items, PageRequest request, Count count, String next) {
        return new Page<>(items, request.byCursor() ? null : request.page(), request.size(),
                count == null ? null : count.value(), count == null ? null : count.exact(), next);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total, totalExact, next);
    }

    /** Index of the last page (0 when empty), or -1 when it is not known (no exact total). */
    public int lastPage() {
        if (total == null || !Boolean.TRUE.equals(totalExact)) {
            return -1;
        }
        return total == 0 ? 0 : (int) ((total - 1) / size);
    }
}
