package dev.itsm.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The published {@code asyncapi.yaml}, able to validate a real record's payload and headers against its message. */
public final class AsyncApiContract {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode doc;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    public AsyncApiContract() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            doc = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode document() {
        return doc;
    }

    /** Names of the messages on the catalog channel. */
    public Set<String> messageNames() {
        Set<String> names = new java.util.TreeSet<>();
        doc.path("channels").path("catalogEvents").path("messages").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Violations of the message's payload schema (empty when valid); unknown message → IllegalArgumentException. */
    public Set<ValidationMessage> validatePayload(String message, String payloadJson) throws IOException {
        return schemaAt("#/components/schemas/" + message).validate(JSON.readTree(payloadJson));
    }

    /** Violations of the message's header schema. */
    public Set<ValidationMessage> validateHeaders(String message, Map<String, String> headers) {
        return schemaAt("#/components/messages/" + message + "/headers").validate(JSON.valueToTree(headers));
    }

    /** The whole document as schema root (so internal $refs resolve) with a $ref to the wanted part. */
    private JsonSchema schemaAt(String pointer) {
        if (doc.at(pointer.substring(1)).isMissingNode()) {
            throw new IllegalArgumentException("asyncapi.yaml has nothing at " + pointer);
        }
        ObjectNode root = doc.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", pointer);
        return factory.getSchema(root);
    }
}
