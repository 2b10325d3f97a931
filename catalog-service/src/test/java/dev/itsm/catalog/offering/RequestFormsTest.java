package dev.itsm.catalog.offering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;

/** The publication rules of a request form, each on its own, and the documented example keeping all of them. */
class RequestFormsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> KEYS = Set.of("laptop", "vpn");

    static List<String> pointers(String form) throws Exception {
        return RequestForms.violations(JSON.readTree(form), KEYS).stream().map(Problem.FieldError::field).distinct().toList();
    }

    @Test
    void theDocumentedLaptopAndVpnFormKeepsEveryRule() throws Exception {
        assertEquals(List.of(), RequestForms.violations(JSON.readTree(OfferingResource.FORM_EXAMPLE), KEYS));
        JsonNode offering = JSON.readTree(OfferingResource.LAPTOP_EXAMPLE);
        assertEquals(List.of(), RequestForms.violations(offering.get("requestForm"), KEYS));
        assertEquals(List.of(), RequestForms.violations(RequestForms.empty(), Set.of()), "the form of an offering that asks nothing");
    }

    @Test
    void theFormMustBeValidAgainstTheMetaSchemaEachViolationByPointer() throws Exception {
        assertEquals(List.of("/properties/laptop/type", "/properties/laptop/required"),
                pointers("{\"type\":\"object\",\"properties\":{\"laptop\":{\"type\":\"objekt\",\"required\":\"model\"}}}"));
        assertEquals(List.of(""), pointers("[]"), "not even an object: the root");
    }

    @Test
    void theFormIsAnObjectSchemaInThe202012DialectWithAMemberPerComponent() throws Exception {
        assertEquals(List.of("/type"), pointers("{\"properties\":{}}"));
        assertEquals(List.of("/type"), pointers("{\"type\":\"array\"}"));
        assertEquals(List.of("/$schema"), pointers("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\"}"));
        assertEquals(List.of("/properties/monitor", "/properties/a~1b"),
                pointers("{\"type\":\"object\",\"properties\":{\"laptop\":{},\"monitor\":{},\"a/b\":{}}}"));
    }

    @Test
    void onlyLocalReferencesAreAllowed() throws Exception {
        assertEquals(List.of(), pointers("{\"type\":\"object\",\"properties\":{\"vpn\":{\"$ref\":\"#/$defs/v\"}},\"$defs\":{\"v\":{}}}"));
        assertEquals(List.of("/properties/vpn/$ref", "/$defs/v/allOf/0/$ref"), pointers("""
                {"type":"object","properties":{"vpn":{"$ref":"https://forms.example.com/vpn.json"}},
                 "$defs":{"v":{"allOf":[{"$ref":"other.json#/x"}]}}}"""));
    }

    @Test
    void requireThrowsOne422ListingEveryViolation() throws Exception {
        ProblemException e = assertThrows(ProblemException.class,
                () -> RequestForms.require(JSON.readTree("{\"type\":\"array\",\"properties\":{\"x\":{}}}"), KEYS));
        assertEquals(422, e.status());
        Problem problem = e.toProblem("/x");
        assertTrue(problem.getType().toString().endsWith("/invalid-request-form"));
        assertEquals(List.of("/type", "/properties/x"), problem.getErrors().stream().map(Problem.FieldError::field).toList());
    }
}
