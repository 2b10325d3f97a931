package dev.itsm.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.ValidationException;

class SortTest {

    static final Map<String, String> ALLOWED = Map.of("createdAt", "i.createdAt", "priority", "i.priority");

    static String sortProblem(String spec) {
        ValidationException e = assertThrows(ValidationException.class, () -> Sort.parse(spec, ALLOWED, "-createdAt"));
        var error = e.toProblem("/x").getErrors().get(0);
        return error.field() + ": " + error.message();
    }

    @Test
    void fieldsAreMappedToTheirColumnsInOrder() {
        assertEquals("i.priority asc, i.createdAt desc", Sort.parse("priority,-createdAt", ALLOWED, "-createdAt").toOrderBy());
        assertEquals("i.priority asc", Sort.parse(" +priority ", ALLOWED, "-createdAt").toOrderBy());
    }

    @Test
    void aSortNamingNoFieldIsTheDefaultOrderNotAnEmptyOrderBy() {
        for (String spec : new String[] { null, "", " ", ",", ",,", " , ", "\t", ",priority," }) {
            String orderBy = Sort.parse(spec, ALLOWED, "-createdAt").toOrderBy();
            assertEquals(spec != null && spec.contains("priority") ? "i.priority asc" : "i.createdAt desc", orderBy,
                    "sort=" + spec);
        }
    }

    @Test
    void aTokenThatIsNotAFieldNameIsA400NamingSort() {
        assertEquals("sort: '\\u0000' is not a field name; allowed: createdAt, priority", sortProblem("\u0000"));
        assertEquals("sort: 'priority\\u0001' is not a field name; allowed: createdAt, priority", sortProblem("priority\u0001,createdAt"));
        assertEquals("sort: 'created At' is not a field name; allowed: createdAt, priority", sortProblem("created At"));
        assertEquals("sort: 'i.id;drop' is not a field name; allowed: createdAt, priority", sortProblem("i.id;drop"));
        assertEquals("sort: cannot sort by 'id'; allowed: createdAt, priority", sortProblem("-id"));
    }
}
