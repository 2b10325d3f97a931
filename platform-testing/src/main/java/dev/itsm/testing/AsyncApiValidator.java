package dev.itsm.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.itsm.testing.TopicReader.Received;

/**
 * A service's {@code asyncapi.yaml} (AsyncAPI 3.0, read from the class path) checked against
 * records really read from its topic: each record's {@code ce_type} names a documented message,
 * its headers and payload validate against that message's schemas, and the payload has no field
 * the document leaves out. AsyncAPI 3.0's default schema format is a superset of JSON Schema
 * draft-07, so the schemas are validated as draft-07.
 */
public final class AsyncApiValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private final JsonNode doc;

    private AsyncApiValidator(JsonNode doc) {
        this.doc = doc;
    }

    /** The {@code asyncapi.yaml} on the class path (the service's {@code src/main/resources}). */
    public static AsyncApiValidator load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("no asyncapi.yaml on the class path");
            }
            return new AsyncApiValidator(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("asyncapi.yaml cannot be read", e);
        }
    }

    public JsonNode document() {
        return doc;
    }

    /** Names of the documented messages ({@code components.messages}), i.e. the event names. */
    public Set<String> documentedTypes() {
        Set<String> names = new TreeSet<>();
        doc.path("components").path("messages").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every way the records break the document; empty when all of them match. */
    public List<String> violations(List<Received> records) {
        List<String> failures = new ArrayList<>();
        for (Received r : records) {
            String type = r.ceType() == null ? "(no ce_type)" : r.ceType().substring(r.ceType().lastIndexOf('.') + 1);
            String pointer = "/components/messages/" + type;
            if (doc.at(pointer).isMissingNode()) {
                failures.add(type + " is not documented");
                continue;
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(r.value());
            } catch (IOException e) {
                failures.add(type + " payload is not JSON");
                continue;
            }
            for (ValidationMessage m : schemaAt(pointer + "/payload").validate(payload)) {
                failures.add(type + " payload: " + m.getMessage());
            }
            ObjectNode headers = JSON.createObjectNode();
            r.headers().forEach(headers::put);
            if (!doc.at(pointer + "/headers").isMissingNode()) {
                for (ValidationMessage m : schemaAt(pointer + "/headers").validate(headers)) {
                    failures.add(type + " headers: " + m.getMessage());
                }
            }
            Set<String> documented = declaredProperties(doc.at(pointer + "/payload"));
            for (Iterator<String> f = payload.fieldNames(); f.hasNext();) {
                String field = f.next();
                if (!documented.contains(field)) {
                    failures.add(type + " payload field '" + field + "' is not documented");
                }
            }
        }
        return failures;
    }

    /** Fails with every violation listed; also when {@code records} is empty (nothing was checked). */
    public void assertValid(List<Received> records) {
        if (records.isEmpty()) {
            throw new AssertionError("no records to check against asyncapi.yaml");
        }
        List<String> failures = violations(records);
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    /** The whole document as schema root (so internal $refs resolve), pointing at one part of it. */
    private JsonSchema schemaAt(String pointer) {
        ObjectNode root = doc.deepCopy();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$ref", "#" + pointer);
        return SCHEMAS.getSchema(root);
    }

    /** Property names a (possibly composed, referenced) schema declares. */
    private Set<String> declaredProperties(JsonNode schema) {
        Set<String> names = new HashSet<>();
        if (schema.has("$ref")) {
            names.addAll(declaredProperties(doc.at(schema.get("$ref").asText().substring(1))));
        }
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        for (String composition : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(composition)) {
                names.addAll(declaredProperties(part));
            }
        }
        return names;
    }
}
