package dev.itsm.platform.http;

import java.util.List;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;

/**
 * {@code ?page=0&size=50} or {@code ?cursor=…&size=50}, and {@code ?count=}: validated (page ≥ 0,
 * 1 ≤ size ≤ 500, not a page number and a cursor together). {@code count} defaults to
 * {@link CountMode#BOUNDED} on a first request and {@link CountMode#NONE} when following a cursor.
 */
public record PageRequest(int page, int size, String cursor, CountMode count) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** Deepest offset a list serves; keeps page × size far from int overflow in JPA/Panache paging. */
    public static final long MAX_OFFSET = 10_000_000;

    public PageRequest {
        if (page < 0) {
            throw new ValidationException(List.of(new Problem.FieldError("page", "must be 0 or more")));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ValidationException(List.of(new Problem.FieldError("size", "must be between 1 and " + MAX_SIZE)));
        }
        if ((long) page * size > MAX_OFFSET) {
            throw new ValidationException(List.of(new Problem.FieldError("page",
                    "page × size must be at most " + MAX_OFFSET + "; follow the 'next' cursor instead")));
        }
        if (cursor != null && cursor.isBlank()) {
            cursor = null;
        }
        if (cursor != null && page > 0) {
            throw new ValidationException(List.of(new Problem.FieldError("page",
                    "a page number and a cursor cannot be combined: the cursor already says where the page starts")));
        }
        if (count == null) {
            count = cursor == null ? CountMode.BOUNDED : CountMode.NONE;
        }
    }

    public PageRequest(int page, int size) {
        this(page, size, null, null);
    }

    /** From optional query parameters. */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public int offset() {
        return page * size;
    }

    /** Whether this request follows a cursor (keyset paging) rather than a page number. */
    public boolean byCursor() {
        return cursor != null;
    }
}
