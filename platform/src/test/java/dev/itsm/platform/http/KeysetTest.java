package dev.itsm.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.ValidationException;

class KeysetTest {

    record Row(String priority, Instant openedAt, String assignee, UUID id) {
    }

    static final Keyset.Column<Row> PRIORITY = Keyset.Column.of("i.priority", String.class, Row::priority);
    static final Keyset.Column<Row> OPENED_AT = Keyset.Column.of("i.openedAt", Instant.class, Row::openedAt);
    static final Keyset.Column<Row> ASSIGNEE = Keyset.Column.nullable("i.assignee", String.class, Row::assignee);
    static final Keyset.Column<Row> ID = Keyset.Column.of("i.id", UUID.class, Row::id);
    static final List<Keyset.Column<Row>> SORTABLE = List.of(PRIORITY, OPENED_AT, ASSIGNEE);
    static final Map<String, String> FIELDS = Map.of("priority", "i.priority", "openedAt", "i.openedAt", "assignee", "i.assignee");

    static Keyset<Row> keyset(String sort) {
        return Keyset.of(Sort.parse(sort, FIELDS, "-openedAt"), SORTABLE, List.of(OPENED_AT, ID));
    }

    static final Row ROW = new Row("P2", Instant.parse("2026-12-01T10:00:00Z"), null,
            UUID.fromString("00000000-0000-0000-0000-000000000007"));

    @Test
    void oneDirectionWithoutNullsIsOneRowValueComparisonTheIndexCanRangeOver() {
        Keyset<Row> keys = keyset("-openedAt");
        assertEquals("i.openedAt desc, i.id desc", keys.orderBy());
        Map<String, Object> params = new LinkedHashMap<>();
        String token = keys.cursorAfter(ROW).encode();
        String after = keys.after(new PageRequest(0, 10, token, null), params);
        assertEquals("(i.openedAt, i.id) < (:keyset0, :keyset1)", after);
        assertEquals(List.of(ROW.openedAt(), ROW.id()), List.copyOf(params.values()));
    }

    @Test
    void aPartsCursorNamesItsPartAndContinuesOnlyThatPart() {
        Keyset<Row> newest = keyset("-openedAt");
        Keyset<Row> first = newest.part("title");
        Keyset<Row> second = newest.part("text");
        assertEquals(newest.orderBy(), first.orderBy(), "a part is ordered like its keyset");
        PageRequest inFirst = new PageRequest(0, 10, first.cursorAfter(ROW).encode(), null);
        assertTrue(first.gaveOut(inFirst));
        assertFalse(second.gaveOut(inFirst));
        assertFalse(newest.gaveOut(inFirst));
        assertFalse(first.gaveOut(new PageRequest(0, 10)), "no cursor");
        Map<String, Object> params = new LinkedHashMap<>();
        assertEquals("(i.openedAt, i.id) < (:keyset0, :keyset1)", first.after(inFirst, params));
        ValidationException wrongPart = assertThrows(ValidationException.class, () -> second.after(inFirst, new LinkedHashMap<>()));
        assertEquals("cursor", wrongPart.toProblem("/x").getErrors().get(0).field());
        assertThrows(ValidationException.class, () -> first.gaveOut(new PageRequest(0, 10, "not-a-cursor", null)),
                "a token that is no cursor is a 400, whichever part asks");
    }

    enum Level { LOW, HIGH }

    record Leveled(Level level, UUID id) {
    }

    @Test
    void anEnumInARowValueIsBoundByNameAndInTheExpandedFormAsItself() {
        Keyset.Column<Leveled> level = Keyset.Column.of("t.level", Level.class, Leveled::level);
        Keyset.Column<Leveled> id = Keyset.Column.of("t.id", UUID.class, Leveled::id);
        Leveled row = new Leveled(Level.HIGH, UUID.randomUUID());
        Keyset<Leveled> plain = Keyset.of(Sort.parse("level", Map.of("level", "t.level"), "level"), List.of(level), List.of(id));
        Map<String, Object> params = new LinkedHashMap<>();
        plain.after(new PageRequest(0, 5, plain.cursorAfter(row).encode(), null), params);
        assertEquals(List.of("HIGH", row.id()), List.copyOf(params.values()));
        Keyset<Leveled> mixed = Keyset.of(Sort.parse("level,-id", Map.of("level", "t.level", "id", "t.id"), "level"),
                List.of(level, id), List.of(id));
        Map<String, Object> expanded = new LinkedHashMap<>();
        mixed.after(new PageRequest(0, 5, mixed.cursorAfter(row).encode(), null), expanded);
        assertEquals(Level.HIGH, expanded.get("keyset0"));
    }

    @Test
    void mixedDirectionsExpandAndKeepABoundOnTheLeadingColumn() {
        Keyset<Row> keys = keyset("priority,-openedAt");
        assertEquals("i.priority asc, i.openedAt desc, i.id desc", keys.orderBy());
        List<Object> bound = new ArrayList<>();
        String after = keys.after(keys.cursorAfter(ROW).encode(), v -> {
            bound.add(v);
            return "?";
        });
        assertEquals("(i.priority >= ? and (i.priority > ? or (i.priority = ? and (i.openedAt < ? or (i.openedAt = ? and i.id < ?)))))",
                after);
        assertEquals(List.of("P2", "P2", "P2", ROW.openedAt(), ROW.openedAt(), ROW.id()), bound, "bound in the order written");
    }

    @Test
    void aNullableColumnPlacesNullsAsPostgresIndexesDoAndAPositionOnANullContinuesAmongTheNulls() {
        Keyset<Row> keys = keyset("assignee");
        assertEquals("i.assignee asc nulls last, i.openedAt asc, i.id asc", keys.orderBy());
        String afterNull = keys.after(keys.cursorAfter(ROW).encode(), v -> "?");
        assertEquals("(i.assignee is null and (i.openedAt > ? or (i.openedAt = ? and i.id > ?)))", afterNull);
        Row assigned = new Row("P2", ROW.openedAt(), "alice", ROW.id());
        String afterValue = keys.after(keys.cursorAfter(assigned).encode(), v -> "?");
        assertEquals("((i.assignee > ? or i.assignee is null) or (i.assignee = ? and (i.openedAt > ? or (i.openedAt = ? and i.id > ?))))",
                afterValue);
        Keyset<Row> descending = keyset("-assignee");
        assertEquals("(i.assignee is not null or (i.assignee is null and (i.openedAt < ? or (i.openedAt = ? and i.id < ?))))",
                descending.after(descending.cursorAfter(ROW).encode(), v -> "?"));
    }

    @Test
    void aCursorContinuesOnlyTheOrderThatGaveItOut() {
        String token = keyset("-openedAt").cursorAfter(ROW).encode();
        ValidationException e = assertThrows(ValidationException.class, () -> keyset("priority").after(token, v -> "?"));
        assertEquals("cursor", e.getMessage().substring(0, "cursor".length()));
    }

    @Test
    void aForgedOrGarbledCursorIs400() {
        Keyset<Row> keys = keyset("-openedAt");
        for (String bad : List.of("x", "%%%", "e30", Base64.getUrlEncoder().encodeToString("{\"o\":1}".getBytes()),
                Base64.getUrlEncoder().encodeToString("{\"o\":\"-i.openedAt,-i.id\",\"k\":[\"yesterday\",\"x\"]}".getBytes()),
                Base64.getUrlEncoder().encodeToString("{\"o\":\"-i.openedAt,-i.id\",\"k\":[null,null]}".getBytes()),
                "a".repeat(5000))) {
            assertThrows(ValidationException.class, () -> keys.after(bad, v -> "?"), bad);
        }
    }

    @Test
    void aPageHasANextCursorOnlyWhenARowBeyondItWasFetched() {
        Keyset<Row> keys = keyset("-openedAt");
        PageRequest request = new PageRequest(0, 2);
        Row a = new Row("P1", Instant.parse("2026-12-01T12:00:00Z"), null, UUID.randomUUID());
        Row b = new Row("P1", Instant.parse("2026-12-01T11:00:00Z"), null, UUID.randomUUID());
        Row c = new Row("P1", Instant.parse("2026-12-01T10:00:00Z"), null, UUID.randomUUID());
        Page<Row> full = keys.page(List.of(a, b, c), request, Count.of(CountMode.BOUNDED, n -> 3));
        assertEquals(List.of(a, b), full.items());
        assertEquals(keys.cursorAfter(b).encode(), full.next());
        assertEquals(3L, full.total());
        assertNull(keys.page(List.of(a, b), request, null).next());
    }

    @Test
    void aBoundedCountStopsAtTheBoundAndSaysItIsALowerBound() {
        assertEquals(new Count(CountMode.BOUND, false), Count.of(CountMode.BOUNDED, n -> Math.min(n, 2_000_000)));
        assertEquals(new Count(42, true), Count.of(CountMode.BOUNDED, n -> Math.min(n, 42)));
        assertEquals(new Count(2_000_000, true), Count.of(CountMode.EXACT, n -> Math.min(n, 2_000_000)));
        assertNull(Count.of(CountMode.NONE, n -> {
            throw new AssertionError("must not count");
        }));
        assertThrows(ValidationException.class, () -> CountMode.parse("approximately"));
    }
}
