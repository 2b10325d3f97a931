package dev.itsm.request.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.UnprocessableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a requester's answers against an offering's request form (JSON Schema 2020-12, networknt). A form is
 * compiled once per offering revision (the replica bumps it on every applied event), so a busy offering costs one
 * compile, and an edited one is recompiled at its first order. Absent answers are validated as {@code {}}: a form
 * with required properties then names each missing one.
 */
@ApplicationScoped
public class AnswerValidator {

    /** What the catalogue serves for an offering without a form: nothing may be answered. */
    static final String EMPTY_FORM = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{},"additionalProperties":false}""";
    /** Compiled forms kept at most; beyond it the cache starts again (offerings are few, this only bounds memory). */
    static final int CACHE_LIMIT = 1000;

    private final ObjectMapper json;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    private final Map<CacheKey, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final JsonSchema emptyForm;

    AnswerValidator(ObjectMapper json) {
        this.json = json;
        try {
            this.emptyForm = factory.getSchema(json.readTree(EMPTY_FORM), config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record CacheKey(UUID offeringId, long revision) {
    }

    /**
     * The violations of {@code answers} against the offering's form, each with the JSON pointer of the answer (a
     * missing required property: the pointer it should be at; an answer the form does not allow: its own pointer) and
     * the validator's message without the location, in pointer order; empty when valid.
     */
    public List<Problem.FieldError> violations(OfferingReplica offering, JsonNode answers) {
        JsonSchema schema = schemaOf(offering);
        JsonNode instance = answers == null || answers.isNull() || answers.isMissingNode() ? json.createObjectNode() : answers;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : schema.validate(instance)) {
            // a keyword about one property (required, additionalProperties, dependentRequired…) points at that answer
            String pointer = m.getInstanceLocation().toString();
            if (m.getProperty() != null) {
                pointer = pointer + "/" + escape(m.getProperty());
            }
            errors.add(new Problem.FieldError(pointer, m.getError()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return errors;
    }

    private JsonSchema schemaOf(OfferingReplica offering) {
        if (offering.requestForm() == null) {
            return emptyForm;
        }
        CacheKey key = new CacheKey(offering.id(), offering.revision());
        JsonSchema schema = compiled.get(key);
        if (schema == null) {
            schema = compile(offering);
            if (compiled.size() >= CACHE_LIMIT) {
                compiled.clear();
            }
            compiled.put(key, schema);
        }
        return schema;
    }

    private JsonSchema compile(OfferingReplica offering) {
        ObjectNode form = json.valueToTree(offering.requestForm());
        // The catalogue refuses remote references at publish; checked again so a form can never make this service fetch a URL.
        String remote = remoteReference(form);
        if (remote != null) {
            throw unusable(offering, "it refers to " + remote + "; only local references (#…) are allowed");
        }
        try {
            return factory.getSchema(form, config);
        } catch (RuntimeException e) {
            throw unusable(offering, e.getMessage());
        }
    }

    private static UnprocessableException unusable(OfferingReplica offering, String why) {
        return new UnprocessableException("unusable-request-form", "Unusable request form",
                "The request form of offering " + offering.id() + " cannot be used: " + why);
    }

    /** The first {@code $ref}/{@code $dynamicRef} that does not start with {@code #}, or null. */
    private static String remoteReference(JsonNode node) {
        if (node.isObject()) {
            for (var e : node.properties()) {
                if ((e.getKey().equals("$ref") || e.getKey().equals("$dynamicRef")) && e.getValue().isTextual()
                        && !e.getValue().asText().startsWith("#")) {
                    return e.getValue().asText();
                }
                String inner = remoteReference(e.getValue());
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                String inner = remoteReference(n);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** RFC 6901: '~' and '/' in a property name. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
