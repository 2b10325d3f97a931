package dev.itsm.systemtests;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates hostile requests from an OpenAPI 3 document: for every operation, edge values for
 * every parameter (path, query and header: empty tokens, lone separators, whitespace, NUL, huge and
 * negative numbers, unicode, very long strings, plus values aimed at the parameter's type), and
 * request bodies derived from the schema with one thing broken at a time (missing required field,
 * wrong type, boundary number, huge or odd unicode string, invalid enum, null, unknown field), plus
 * malformed JSON and wrong content types. Each case is generated once: the number of requests is
 * bounded by the document, not by a clock.
 */
final class OpenApiFuzzer {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String HUGE = "x".repeat(100_000);
    static final String ODD_UNICODE = "\u0000\u202e𝕿𝖊𝖘𝖙 ünïcødé 🦄 '\";--<script>";

    /**
     * Values every parameter gets, whatever its type: the tokenizers of comma lists, numbers, ids and
     * instants each meet the values they are most likely to mishandle (an empty token is what made
     * {@code sort=,} a 500 in every service).
     */
    static final List<String> EDGE_VALUES = List.of("", " ", "\t", ",", ",,", ", ,", "-", "+", "*", "%", "\u0000",
            "a\u0000b", "-1", "0", "-99999999999999999999", "99999999999999999999999999", "1e309", "NaN", "1.5",
            "null", "true", "NOT_A_VALUE", "ünïcødé 🦄 \u202e", "'\";--", "x".repeat(5000));

    /** Added for {@code sort}: field lists with nothing between the separators or only a direction. */
    static final List<String> SORT_EDGE_VALUES = List.of("-", "--id", "+id", "id,", ",id", "-,", ",-", " , ", "id,,id",
            "password,-secret");

    static final List<String> INTEGER_EDGE_VALUES = List.of("2147483648", "-2147483649", "9223372036854775808",
            "0x10", "1_000", "١٢٣");

    static final List<String> UUID_EDGE_VALUES = List.of("00000000-0000-0000-0000-000000000000",
            "AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA", "0-0-0-0-0", UUID.randomUUID() + ",", UUID.randomUUID() + "\u0000");

    static final List<String> DATE_TIME_EDGE_VALUES = List.of("2026-13-45T99:99:99Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "2026-11-27T09:30:00+25:00", "2026-11-27", "1e12");

    /**
     * Path segments, already percent-encoded: separators, whitespace, NUL, numbers out of range, a
     * multi-byte character, traversal and a very long id.
     */
    static final List<String> PATH_EDGE_VALUES = List.of("not-a-uuid", "0", "-1", "99999999999999999999", "%2C",
            "%2C%2C", "%20", "%09", "%00", "a%00b", "%27%20OR%201%3D1--", "%C3%BCn%C3%AF%F0%9F%A6%84", "a".repeat(300),
            "..%2F..%2Fetc%2Fpasswd", "00000000-0000-0000-0000-000000000000");

    /** Header values as an HTTP client can send them (no control characters, ASCII only). */
    static final List<String> HEADER_EDGE_VALUES = List.of("", " ", ",", ",,", "-", "*", "-1", "0",
            "99999999999999999999", "W/\"1\"", "\"\"", "\"1\", \"2\"", "null", "'\";--", "x".repeat(4000));

    /** One request to send. */
    record Case(String method, String path, Map<String, String> query, Map<String, String> headers, String contentType,
            String body, String operation, boolean createsOnSuccess) {

        Case(String method, String path, Map<String, String> query, String contentType, String body, String operation,
                boolean createsOnSuccess) {
            this(method, path, query, Map.of(), contentType, body, operation, createsOnSuccess);
        }
    }

    record Operation(String method, String template, JsonNode op, JsonNode bodySchema, String bodyType) {

        String id() {
            return method.toUpperCase() + " " + template;
        }
    }

    /**
     * The API of every service, as the first path segments after {@code /api/v1}: a service whose
     * document did not make it into the merged one would otherwise simply not be fuzzed.
     */
    static final List<String> SERVICE_PREFIXES = List.of("/api/v1/incidents", "/api/v1/changes", "/api/v1/catalog/",
            "/api/v1/sla/", "/api/v1/webhooks/", "/api/v1/problems", "/api/v1/requests", "/api/v1/monitoring/");

    private final JsonNode doc;
    private final Map<String, List<String>> realIds;

    OpenApiFuzzer(JsonNode doc, Map<String, List<String>> realIds) {
        this.doc = doc;
        this.realIds = realIds;
    }

    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                JsonNode content = op.path("requestBody").path("content");
                String type = null;
                JsonNode schema = null;
                for (String candidate : List.of("application/json", "application/merge-patch+json")) {
                    if (content.has(candidate)) {
                        type = candidate;
                        schema = content.get(candidate).path("schema");
                        break;
                    }
                }
                ops.add(new Operation(method, path.getKey(), op, schema, type));
            }
        }
        return ops;
    }

    /** The {@link #SERVICE_PREFIXES} no operation of the document starts with. */
    List<String> servicesMissing() {
        List<Operation> ops = operations();
        return SERVICE_PREFIXES.stream().filter(prefix -> ops.stream().noneMatch(o -> o.template().startsWith(prefix))).toList();
    }

    /** Every hostile case for one operation. */
    List<Case> cases(Operation o) {
        List<Case> cases = new ArrayList<>();
        boolean creates = o.method().equals("post") && !o.template().contains("{");
        String path = concrete(o.template(), true);
        String sampleBody = o.bodySchema() == null ? null : write(sample(o.bodySchema(), 0));
        // every path parameter: a random (unknown) id, then the edge values
        if (o.template().contains("{")) {
            List<String> odd = new ArrayList<>();
            odd.add(UUID.randomUUID().toString());
            odd.addAll(PATH_EDGE_VALUES);
            for (String value : odd) {
                cases.add(new Case(o.method(), o.template().replaceAll("\\{[^}]+}", value), Map.of(), jsonType(o),
                        sampleBody, o.id(), false));
            }
        }
        // every query and header parameter, one edge value at a time
        for (JsonNode p : o.op().path("parameters")) {
            String in = p.path("in").asText();
            String name = p.path("name").asText();
            if (in.equals("query")) {
                for (String value : edgeValues(p)) {
                    cases.add(new Case(o.method(), path, Map.of(name, value), Map.of(), jsonType(o), sampleBody, o.id(),
                            creates));
                }
            } else if (in.equals("header")) {
                for (String value : HEADER_EDGE_VALUES) {
                    cases.add(new Case(o.method(), path, Map.of(), Map.of(name, value), jsonType(o), sampleBody, o.id(),
                            creates));
                }
            }
        }
        if (o.method().equals("get") && !o.template().contains("{")) {
            cases.add(new Case("get", path, Map.of("page", "-1", "size", "100000"), null, null, o.id(), false));
            cases.add(new Case("get", path, Map.of("page", "2147483647", "size", "500"), null, null, o.id(), false));
            boolean documentsSort = false;
            for (JsonNode p : o.op().path("parameters")) {
                documentsSort |= p.path("name").asText().equals("sort");
            }
            if (!documentsSort) {
                // an undocumented sort must not reach the database either
                cases.add(new Case("get", path, Map.of("sort", "password,-secret"), null, null, o.id(), false));
            }
        }
        if (o.bodySchema() == null) {
            if (!o.method().equals("get") && !o.method().equals("delete")) {
                cases.add(new Case(o.method(), path, Map.of(), "application/json", "{\"unexpected\":", o.id(), creates));
            }
            return cases;
        }
        JsonNode schema = resolve(o.bodySchema());
        JsonNode base = sample(schema, 0);
        String type = o.bodyType();
        cases.add(new Case(o.method(), path, Map.of(), type, write(base), o.id(), creates));
        cases.add(new Case(o.method(), path, Map.of(), type, "{}", o.id(), creates));
        cases.add(new Case(o.method(), path, Map.of(), type, "[]", o.id(), creates));
        cases.add(new Case(o.method(), path, Map.of(), type, "\"just a string\"", o.id(), creates));
        cases.add(new Case(o.method(), path, Map.of(), type, "null", o.id(), creates));
        for (String malformed : List.of("{", "{\"a\":", "[1,2", "\u0000", "nul", "{\"title\": \"x\",}", "{'single':'quotes'}")) {
            cases.add(new Case(o.method(), path, Map.of(), type, malformed, o.id(), creates));
        }
        cases.add(new Case(o.method(), path, Map.of(), "text/plain", "hello", o.id(), creates));
        cases.add(new Case(o.method(), path, Map.of(), "application/xml", "<a/>", o.id(), creates));
        if (base instanceof ObjectNode obj) {
            ObjectNode extra = obj.deepCopy();
            extra.put("unknownField" + UUID.randomUUID().toString().substring(0, 4), "surprise");
            cases.add(new Case(o.method(), path, Map.of(), type, write(extra), o.id(), creates));
            JsonNode props = resolve(schema).path("properties");
            for (Iterator<String> names = props.fieldNames(); names.hasNext();) {
                String field = names.next();
                JsonNode fieldSchema = resolve(props.get(field));
                for (JsonNode bad : badValues(fieldSchema)) {
                    ObjectNode mutated = obj.deepCopy();
                    mutated.set(field, bad);
                    cases.add(new Case(o.method(), path, Map.of(), type, write(mutated), o.id(), creates));
                }
                ObjectNode missing = obj.deepCopy();
                missing.remove(field);
                cases.add(new Case(o.method(), path, Map.of(), type, write(missing), o.id(), creates));
            }
        }
        return cases;
    }

    /** The edge values for one query parameter: the common ones plus those aimed at its type. */
    List<String> edgeValues(JsonNode parameter) {
        List<String> values = new ArrayList<>(EDGE_VALUES);
        JsonNode schema = resolve(parameter.path("schema"));
        if (schema.path("type").asText().equals("array")) {
            schema = resolve(schema.path("items"));
        }
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        if (parameter.path("name").asText().equals("sort")) {
            values.addAll(SORT_EDGE_VALUES);
        }
        if (type.equals("integer") || type.equals("number")) {
            values.addAll(INTEGER_EDGE_VALUES);
        }
        if (format.equals("uuid")) {
            values.addAll(UUID_EDGE_VALUES);
        }
        if (format.equals("date-time") || format.equals("date")) {
            values.addAll(DATE_TIME_EDGE_VALUES);
        }
        return values;
    }

    private static String jsonType(Operation o) {
        return o.bodySchema() == null ? null : o.bodyType();
    }

    /** Replaces path parameters with a real id when one is known for the collection. */
    String concrete(String template, boolean preferReal) {
        if (!template.contains("{")) {
            return template;
        }
        String collection = template.substring(0, template.indexOf("/{"));
        List<String> ids = realIds.getOrDefault(collection, List.of());
        String first = preferReal && !ids.isEmpty() ? ids.get(0) : UUID.randomUUID().toString();
        // the first parameter gets the real id, any further one a random id
        String once = template.replaceFirst("\\{[^}]+}", first);
        return once.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    List<JsonNode> badValues(JsonNode schema) {
        List<JsonNode> bad = new ArrayList<>();
        String type = schema.path("type").asText("");
        bad.add(F.nullNode());
        switch (type) {
            case "string" -> {
                bad.add(F.numberNode(12345));
                bad.add(F.textNode(HUGE));
                bad.add(F.textNode(ODD_UNICODE));
                bad.add(F.textNode(""));
                if (schema.has("enum") || schema.has("format")) {
                    bad.add(F.textNode("NOT_A_VALUE"));
                }
            }
            case "integer", "number" -> {
                bad.add(F.textNode("x"));
                bad.add(F.numberNode(2147483648L));
                bad.add(F.numberNode(-2147483649L));
                bad.add(F.numberNode(new BigDecimal("1e300")));
                bad.add(F.numberNode(-1));
            }
            case "boolean" -> bad.add(F.textNode("maybe"));
            case "array" -> {
                bad.add(F.textNode("not an array"));
                ArrayNode many = F.arrayNode();
                for (int i = 0; i < 1000; i++) {
                    many.add(UUID.randomUUID().toString());
                }
                bad.add(many);
                ArrayNode nulls = F.arrayNode();
                nulls.addNull();
                bad.add(nulls);
            }
            default -> {
                bad.add(F.arrayNode().add(1).add(2));
                bad.add(F.textNode("not an object"));
            }
        }
        return bad;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current != null && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (current != null && current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current == null ? F.objectNode() : current;
    }

    /** A plausible value for a schema (examples and enums first). */
    JsonNode sample(JsonNode raw, int depth) {
        JsonNode schema = resolve(raw);
        if (schema.has("example") && !schema.get("example").isNull() && depth > 0) {
            return schema.get("example");
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode obj = F.objectNode();
                if (depth < 4) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> e = it.next();
                        obj.set(e.getKey(), sample(e.getValue(), depth + 1));
                    }
                }
                return obj;
            }
            case "array" -> {
                ArrayNode arr = F.arrayNode();
                if (depth < 4) {
                    arr.add(sample(schema.path("items"), depth + 1));
                }
                return arr;
            }
            case "integer" -> {
                return F.numberNode(1);
            }
            case "number" -> {
                return F.numberNode(1.5);
            }
            case "boolean" -> {
                return F.booleanNode(true);
            }
            default -> {
                String format = schema.path("format").asText("");
                return switch (format) {
                    case "uuid" -> F.textNode(UUID.randomUUID().toString());
                    case "date-time" -> F.textNode("2026-11-27T09:30:00Z");
                    case "date" -> F.textNode("2026-12-24");
                    case "duration" -> F.textNode("PT1H");
                    default -> F.textNode("fuzz-" + UUID.randomUUID().toString().substring(0, 8));
                };
            }
        }
    }

    /** A value as a failure message can show it: control characters escaped, long ones cut. */
    static String abbreviateForLog(String value) {
        String visible = value.replace("\u0000", "\\u0000").replace("\t", "\\t");
        return "[" + (visible.length() > 40 ? visible.substring(0, 40) + "…(" + visible.length() + ")" : visible) + "]";
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> map(Object... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (String) kv[i + 1]);
        }
        return m;
    }
}
