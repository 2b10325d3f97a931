package dev.itsm.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

class MergePatchTest {

    enum Tier { GOLD, SILVER }

    record Edit(@NotBlank @Size(max = 20) String name, String description, Tier tier, Map<String, Object> attributes,
            List<String> tags) {
    }

    final ObjectMapper json = new ObjectMapper();
    final MergePatch patcher = new MergePatch(json, Validation.buildDefaultValidatorFactory().getValidator());
    final Edit current = new Edit("mail", "corporate mail", Tier.GOLD, Map.of("os", "linux", "ram", 16), List.of("a"));

    Edit apply(String patch) {
        return patcher.apply(current, patcher.parse(patch), Edit.class, Map.of("key", "is the service's identity"));
    }

    @Test
    void absentFieldsStayNullRemovesAndObjectsMergeMemberByMember() {
        Edit e = apply("{\"description\":null,\"attributes\":{\"ram\":32,\"os\":null,\"cpu\":4},\"tags\":[\"b\"]}");
        assertEquals("mail", e.name());
        assertEquals(null, e.description());
        assertEquals(Tier.GOLD, e.tier());
        assertEquals(Map.of("ram", 32, "cpu", 4), e.attributes());
        assertEquals(List.of("b"), e.tags());
    }

    @Test
    void theResultIsValidatedLikeACreateRequest() {
        ValidationException e = assertThrows(ValidationException.class, () -> apply("{\"name\":\"  \"}"));
        assertEquals("name", e.toProblem("/x").getErrors().get(0).field());
    }

    @Test
    void unknownAndFixedFieldsAreNamed() {
        ValidationException e = assertThrows(ValidationException.class, () -> apply("{\"colour\":1,\"key\":\"x\"}"));
        assertEquals(List.of("colour", "key"), e.toProblem("/x").getErrors().stream().map(Problem.FieldError::field).sorted().toList());
    }

    @Test
    void aWrongTypeOrEnumNamesTheFieldAndTheAllowedValues() {
        ValidationException e = assertThrows(ValidationException.class, () -> apply("{\"tier\":\"BRONZE\"}"));
        Problem.FieldError error = e.toProblem("/x").getErrors().get(0);
        assertEquals("tier", error.field());
        assertEquals("must be one of GOLD, SILVER", error.message());
    }

    @Test
    void malformedJsonAndNonObjectsAreRefused() {
        ProblemException malformed = assertThrows(ProblemException.class, () -> patcher.parse("{\"name\":"));
        assertEquals("https://itsm.dev/problems/malformed-json", malformed.toProblem("/x").getType().toString());
        assertThrows(ValidationException.class, () -> patcher.parse("[1]"));
        assertThrows(ValidationException.class, () -> patcher.parse(""));
    }
}
