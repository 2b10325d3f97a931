package dev.itsm.catalog.offering;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;

/**
 * The rules an offering's request form (a JSON Schema 2020-12 for the requester's answers) must keep
 * before the offering is published: valid against the 2020-12 meta-schema, an object schema, answers
 * grouped per component (every top-level property is a component key), self-contained (no remote
 * {@code $ref}: request-service validates answers offline, from its replica). Every violation is named
 * by its JSON pointer into the form.
 */
public final class RequestForms {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** The form of an offering without one: no answers at all. */
    public static ObjectNode empty() {
        return emptyForm();
    }

    /** The 2020-12 meta-schema, read from the validator's own copy (never fetched). */
    private static final JsonSchema META_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of(DIALECT), SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());

    private RequestForms() {
    }

    /** Every broken rule of {@code form} (not null) for an offering whose components have {@code componentKeys}. */
    public static List<Problem.FieldError> violations(JsonNode form, Set<String> componentKeys) {
        Set<Problem.FieldError> errors = new LinkedHashSet<>();
        for (ValidationMessage m : META_SCHEMA.validate(form)) {
            errors.add(new Problem.FieldError(m.getInstanceLocation().toString(), m.getError()));
        }
        if (!form.isObject()) {
            return List.copyOf(errors);
        }
        if (!"object".equals(form.path("type").asText(null))) {
            errors.add(new Problem.FieldError("/type", "must be \"object\": the answers are an object with one member per component"));
        }
        if (form.has("$schema") && !DIALECT.equals(form.get("$schema").asText())) {
            errors.add(new Problem.FieldError("/$schema", "must be " + DIALECT + " (or absent)"));
        }
        for (Iterator<String> names = form.path("properties").fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!componentKeys.contains(name)) {
                errors.add(new Problem.FieldError("/properties/" + escape(name),
                        "is not the key of a component of this offering " + componentKeys + ": answers are grouped per component"));
            }
        }
        remoteRefs(form, "", errors);
        return List.copyOf(errors);
    }

    /** {@code $ref}s that leave the form: only local references ({@code #…}) resolve without a network. */
    private static void remoteRefs(JsonNode node, String pointer, Set<Problem.FieldError> errors) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = pointer + "/" + escape(field.getKey());
                if (Set.of("$ref", "$dynamicRef").contains(field.getKey()) && field.getValue().isTextual()
                        && !field.getValue().asText().startsWith("#")) {
                    errors.add(new Problem.FieldError(at, "must be a local reference (#…): a form is self-contained"));
                }
                remoteRefs(field.getValue(), at, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                remoteRefs(node.get(i), pointer + "/" + i, errors);
            }
        }
    }

    /** RFC 6901: ~ and / inside a name. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** 422 invalid-request-form with every violation, when there are any. */
    public static void require(JsonNode form, Set<String> componentKeys) {
        List<Problem.FieldError> errors = violations(form, componentKeys);
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-request-form", "Invalid request form",
                    "The request form breaks " + errors.size() + " rule(s); each error names its JSON pointer in the form",
                    new ArrayList<>(errors), Map.of());
        }
    }

    private static ObjectNode emptyForm() {
        ObjectNode form = JsonNodeFactory.instance.objectNode();
        form.put("$schema", DIALECT);
        form.put("type", "object");
        form.putObject("properties");
        form.put("additionalProperties", false);
        return form;
    }
}
