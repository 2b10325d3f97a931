package dev.itsm.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.ValidationException;

class QueryParamsTest {

    enum State { NEW, IN_PROGRESS }

    static String message(Runnable r) {
        ValidationException e = assertThrows(ValidationException.class, r::run);
        var error = e.toProblem("/x").getErrors().get(0);
        return error.field() + ": " + error.message();
    }

    @Test
    void blankMeansAbsent() {
        assertNull(QueryParams.uuid("serviceId", " "));
        assertNull(QueryParams.instant("from", ""));
        assertNull(QueryParams.enumValue("state", null, State.class));
        assertEquals(List.of(), QueryParams.enumValues("state", Arrays.asList(",", " , "), State.class));
    }

    @Test
    void badValuesNameTheParameter() {
        assertEquals("serviceId: must be a UUID", message(() -> QueryParams.uuid("serviceId", "nope")));
        assertEquals("state: must be one of NEW, IN_PROGRESS", message(() -> QueryParams.enumValue("state", "x", State.class)));
        assertEquals("page: must be a whole number", message(() -> QueryParams.page("abc", null)));
        assertEquals("size: must be between 1 and 500", message(() -> QueryParams.page("0", "9999")));
        assertEquals("open: must be true or false", message(() -> QueryParams.bool("open", "yes")));
    }

    @Test
    void aSearchCountsOnlyWhenAsked() {
        assertEquals(CountMode.BOUNDED, QueryParams.page(null, null, null, null, null).count());
        assertEquals(CountMode.BOUNDED, QueryParams.page(null, null, null, null, " ").count());
        assertEquals(CountMode.NONE, QueryParams.page(null, null, null, null, "timeout").count());
        assertEquals(CountMode.NONE, QueryParams.page(null, null, null, "", "timeout").count());
        assertEquals(CountMode.BOUNDED, QueryParams.page(null, null, null, "bounded", "timeout").count());
        assertEquals(CountMode.EXACT, QueryParams.page("2", "10", null, "exact", "timeout").count());
        assertEquals(20, QueryParams.page("2", "10", null, null, "timeout").offset());
        assertEquals("count: must be one of exact, bounded, none",
                message(() -> QueryParams.page(null, null, null, "some", "timeout")));
    }

    @Test
    void enumsAreCaseInsensitiveAndRepeatableOrCommaSeparated() {
        assertEquals(List.of(State.NEW, State.IN_PROGRESS, State.NEW),
                QueryParams.enumValues("state", List.of("new,in_progress", "NEW"), State.class));
        assertEquals(Instant.parse("2026-11-27T09:30:00Z"), QueryParams.instant("from", "2026-11-27T09:30:00Z"));
    }
}
