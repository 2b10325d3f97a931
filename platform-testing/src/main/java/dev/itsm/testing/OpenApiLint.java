package dev.itsm.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The contract lint: what docs/API-VOCABULARY.md asks of an OpenAPI document, checked offline so
 * that a generated client never meets an untyped response, an unusable PATCH, a missing operation
 * id or an example that contradicts its schema. Each service's {@code OpenApiContractTest} runs it
 * on its own document and {@code api-client} on the gateway's merged one.
 *
 * <p>{@link #findings(JsonNode)} returns one line per problem ({@code "GET /api/v1/x: ..."}); an
 * empty list means clean.
 */
public final class OpenApiLint {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern OPERATION_ID = Pattern.compile("^[a-z][A-Za-z0-9]*$");
    private static final Pattern SCHEMA_NAME = Pattern.compile("^[A-Z][A-Za-z0-9]*$");
    /** Names that say nothing, or name a Java type instead of a thing of ours. */
    private static final Set<String> VAGUE_SCHEMA_NAMES = Set.of("UUID", "Instant", "LocalDate", "LocalTime",
            "LocalDateTime", "OffsetDateTime", "ZonedDateTime", "Duration", "URI", "Object", "Status", "Kind", "Type",
            "Result", "Level", "State", "Mode", "Data", "Item", "Request", "Response", "View", "Page");
    private static final Set<String> INTEGER_PARAMETERS = Set.of("page", "size", "limit", "offset");
    private static final Pattern UUID_PARAMETER = Pattern.compile("^(id|[a-z][A-Za-z0-9]*Id)$");
    private static final Pattern INSTANT_PARAMETER = Pattern.compile("^(from|to|since|until|at|[a-z][A-Za-z0-9]*(From|To|Before|After|Since|Until))$");
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final JsonNode document;
    private final List<String> findings = new ArrayList<>();

    private OpenApiLint(JsonNode document) {
        this.document = document;
    }

    /** Every rule broken by the document; empty when it is clean. */
    public static List<String> findings(JsonNode document) {
        OpenApiLint lint = new OpenApiLint(document);
        lint.operations();
        lint.componentNames();
        lint.refsWithSiblings(document, "");
        lint.schemaExamples();
        return List.copyOf(lint.findings);
    }

    // ------------------------------------------------------------------ operations

    private void operations() {
        Map<String, String> ids = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                String id = operation.path("operationId").asText("");
                if (id.isEmpty()) {
                    findings.add(where + ": no operationId");
                } else if (!OPERATION_ID.matcher(id).matches()) {
                    findings.add(where + ": operationId '" + id + "' is not camelCase");
                } else if (ids.containsKey(id)) {
                    findings.add(where + ": operationId '" + id + "' is also used by " + ids.get(id));
                } else {
                    ids.put(id, where);
                }
                if (operation.path("summary").asText("").isBlank()) {
                    findings.add(where + ": no summary");
                }
                parameters(where, path.getValue().path("parameters"));
                parameters(where, operation.path("parameters"));
                requestBody(where, op.getKey(), operation.path("requestBody"));
                responses(where, operation.path("responses"));
            }
        }
    }

    private void parameters(String where, JsonNode parameters) {
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String at = where + " parameter '" + name + "'";
            JsonNode schema = resolve(parameter.path("schema"));
            if (parameter.path("schema").isMissingNode()) {
                findings.add(at + ": no schema");
                continue;
            }
            if (INTEGER_PARAMETERS.contains(name) && !hasType(schema, "integer")) {
                findings.add(at + ": should be documented as an integer");
            }
            if (UUID_PARAMETER.matcher(name).matches() && !"uuid".equals(schema.path("format").asText())) {
                findings.add(at + ": should be documented with format uuid");
            }
            if (INSTANT_PARAMETER.matcher(name).matches()
                    && !Set.of("date-time", "date").contains(schema.path("format").asText())) {
                findings.add(at + ": should be documented with format date-time (or date)");
            }
            if (parameter.has("example")) {
                exampleMatches(at + " example", parameterValue(parameter.get("example"), schema), parameter.path("schema"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> examples = parameter.path("examples").fields(); examples.hasNext();) {
                Map.Entry<String, JsonNode> example = examples.next();
                if (example.getValue().has("value")) {
                    exampleMatches(at + " example '" + example.getKey() + "'",
                            parameterValue(example.getValue().get("value"), schema), parameter.path("schema"));
                }
            }
        }
    }

    /**
     * Query strings are text: an example "0" of an integer parameter is the integer 0. A list
     * parameter's example must be a list (as redocly and generators read it), not "A,B".
     */
    private static JsonNode parameterValue(JsonNode example, JsonNode schema) {
        if (example.isTextual() && (hasType(schema, "integer") || hasType(schema, "number"))) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(example.asText()));
            } catch (NumberFormatException notANumber) {
                return example;
            }
        }
        if (example.isTextual() && hasType(schema, "boolean") && Set.of("true", "false").contains(example.asText())) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(example.asText()));
        }
        return example;
    }

    private void requestBody(String where, String method, JsonNode body) {
        for (Iterator<Map.Entry<String, JsonNode>> media = body.path("content").fields(); media.hasNext();) {
            Map.Entry<String, JsonNode> type = media.next();
            String at = where + " request body (" + type.getKey() + ")";
            JsonNode schema = type.getValue().path("schema");
            if (!isTypedBody(schema)) {
                findings.add(at + ": untyped schema");
                continue;
            }
            if ((method.equals("patch") || type.getKey().equals(MERGE_PATCH)) && type.getKey().contains("json")
                    && !requiredOf(schema).isEmpty()) {
                findings.add(at + ": a merge-patch body must not require fields, but requires " + requiredOf(schema));
            }
            mediaExamples(at, type.getValue());
        }
    }

    private void responses(String where, JsonNode responses) {
        for (Iterator<Map.Entry<String, JsonNode>> codes = responses.fields(); codes.hasNext();) {
            Map.Entry<String, JsonNode> code = codes.next();
            for (Iterator<Map.Entry<String, JsonNode>> media = code.getValue().path("content").fields(); media.hasNext();) {
                Map.Entry<String, JsonNode> type = media.next();
                String at = where + " response " + code.getKey() + " (" + type.getKey() + ")";
                if (!isTypedBody(type.getValue().path("schema"))) {
                    findings.add(at + ": untyped schema");
                    continue;
                }
                mediaExamples(at, type.getValue());
            }
        }
    }

    private void mediaExamples(String at, JsonNode mediaType) {
        JsonNode schema = mediaType.path("schema");
        if (mediaType.has("example")) {
            exampleMatches(at + " example", mediaType.get("example"), schema);
        }
        for (Iterator<Map.Entry<String, JsonNode>> examples = mediaType.path("examples").fields(); examples.hasNext();) {
            Map.Entry<String, JsonNode> example = examples.next();
            if (example.getValue().has("value")) {
                exampleMatches(at + " example '" + example.getKey() + "'", example.getValue().get("value"), schema);
            }
        }
    }

    // ------------------------------------------------------------------ schemas

    private void componentNames() {
        for (Iterator<String> names = document.path("components").path("schemas").fieldNames(); names.hasNext();) {
            String name = names.next();
            if (VAGUE_SCHEMA_NAMES.contains(name)) {
                findings.add("components.schemas." + name + ": the name says nothing of what it is (see docs/API-VOCABULARY.md)");
            } else if (!SCHEMA_NAME.matcher(name).matches()) {
                findings.add("components.schemas." + name + ": not a PascalCase name");
            }
        }
    }

    private void refsWithSiblings(JsonNode node, String at) {
        if (node.isObject()) {
            if (node.has("$ref") && node.size() > 1) {
                findings.add(at + ": $ref with sibling keywords " + siblings(node) + " (generators drop them)");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!Set.of("example", "examples").contains(field.getKey())) {
                    refsWithSiblings(field.getValue(), at + "/" + field.getKey());
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refsWithSiblings(node.get(i), at + "/" + i);
            }
        }
    }

    private static List<String> siblings(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.remove("$ref");
        return names;
    }

    /** Examples written on schemas themselves (a component, a property) must satisfy that schema. */
    private void schemaExamples() {
        for (Iterator<Map.Entry<String, JsonNode>> schemas = document.path("components").path("schemas").fields(); schemas.hasNext();) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            schemaExamples(schema.getValue(), "components.schemas." + schema.getKey());
        }
    }

    private void schemaExamples(JsonNode schema, String at) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("example")) {
            exampleMatches(at + " example", schema.get("example"), withoutExamples(schema));
        }
        if (schema.path("examples").isArray()) {
            for (JsonNode example : schema.get("examples")) {
                exampleMatches(at + " example", example, withoutExamples(schema));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (!isTyped(property.getValue())) {
                findings.add(at + "." + property.getKey() + ": untyped property");
            }
            schemaExamples(property.getValue(), at + "." + property.getKey());
        }
        if (schema.has("items")) {
            schemaExamples(schema.get("items"), at + "[]");
        }
        for (String composition : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(composition)) {
                schemaExamples(part, at);
            }
        }
    }

    private static JsonNode withoutExamples(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.remove("example");
        copy.remove("examples");
        return copy;
    }

    private void exampleMatches(String at, JsonNode example, JsonNode schema) {
        if (!isTyped(schema)) {
            return;
        }
        ObjectNode rooted = JsonNodeFactory.instance.objectNode();
        rooted.setAll((ObjectNode) schema.deepCopy());
        // $refs point at #/components/...: make this schema the root that holds them
        rooted.set("components", document.path("components"));
        for (ValidationMessage message : SCHEMAS.getSchema(rooted).validate(example)) {
            findings.add(at + ": does not match its schema: " + message.getMessage());
        }
    }

    // ------------------------------------------------------------------ schema helpers

    /** A schema says what it is: a type, a reference, a composition, an enum or a constant. */
    private static boolean isTyped(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return false;
        }
        for (String keyword : List.of("type", "$ref", "allOf", "oneOf", "anyOf", "enum", "const")) {
            if (schema.has(keyword)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request or response body says more than "an object": a generated client would turn a bare
     * {@code {type: object}} into a {@code Object}/{@code Map} nobody can use. (A free-form property
     * inside a typed body may be a bare object.)
     */
    private static boolean isTypedBody(JsonNode schema) {
        if (!isTyped(schema)) {
            return false;
        }
        boolean bareObject = hasType(schema, "object") && !schema.has("properties") && !schema.has("additionalProperties")
                && !schema.has("$ref") && !schema.has("allOf") && !schema.has("oneOf") && !schema.has("anyOf");
        return !bareObject;
    }

    private static boolean hasType(JsonNode schema, String type) {
        JsonNode declared = schema.path("type");
        if (declared.isArray()) {
            for (JsonNode t : declared) {
                if (t.asText().equals(type)) {
                    return true;
                }
            }
            return false;
        }
        return declared.asText().equals(type);
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        if (current.path("allOf").size() == 1 && current.path("allOf").get(0).has("$ref")) {
            return resolve(current.path("allOf").get(0));
        }
        return current;
    }

    private List<String> requiredOf(JsonNode schema) {
        List<String> required = new ArrayList<>();
        JsonNode resolved = resolve(schema);
        resolved.path("required").forEach(r -> required.add(r.asText()));
        for (JsonNode part : resolved.path("allOf")) {
            required.addAll(requiredOf(part));
        }
        return required;
    }
}
