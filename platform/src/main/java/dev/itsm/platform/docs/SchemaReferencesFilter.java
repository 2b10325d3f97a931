package dev.itsm.platform.docs;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Tidies the schema references SmallRye writes, so generated clients come out typed and quiet:
 * <ol>
 * <li>Java library types ({@code UUID}, {@code Instant}, {@code LocalDate}, ...) become plain
 * {@code type: string} + {@code format} where they are used, and their component schemas go: a
 * client should not get a {@code UUID} or {@code ModelLocalDate} class.</li>
 * <li>{@code JsonObject} — what the platform's configuration calls a Jackson tree ({@code JsonNode}:
 * an offering's request form, a request's answers) — becomes an inline {@code type: object}.</li>
 * <li>A {@code $ref} with sibling keywords (a description, nullable, deprecated...) is valid in
 * OpenAPI 3.1, but generators drop the siblings ("type(s) cleared"); it becomes
 * {@code allOf: [{$ref}]} next to them, which every tool reads the same way.</li>
 * </ol>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SchemaReferencesFilter implements OASFilter {

    private static final String COMPONENTS = "#/components/schemas/";

    /** Component name → the JSON Schema string format of that Java type. */
    static final Map<String, String> LIBRARY_TYPES = Map.of(
            "UUID", "uuid",
            "Instant", "date-time",
            "OffsetDateTime", "date-time",
            "ZonedDateTime", "date-time",
            "LocalDateTime", "date-time",
            "LocalDate", "date",
            "LocalTime", "time",
            "Duration", "duration",
            "URI", "uri");

    /** The component the configuration maps Jackson trees to (microprofile-config.properties). */
    static final String JSON_OBJECT = COMPONENTS + "JsonObject";

    @Override
    public Schema filterSchema(Schema schema) {
        flattenLibraryAllOf(schema);
        inlineJsonObject(schema);
        String ref = schema.getRef();
        if (ref == null) {
            return schema;
        }
        String format = libraryFormat(ref);
        if (format != null) {
            schema.setRef(null);
            if (schema.getType() == null) {
                schema.setType(List.of(SchemaType.STRING));
            }
            schema.setFormat(format);
            return schema;
        }
        if (schema.getAll().size() > 1) {
            schema.setRef(null);
            schema.addAllOf(OASFactory.createSchema().ref(ref));
        }
        return schema;
    }

    /** {@code allOf: [{$ref: UUID}]} next to a description (SmallRye's form for an annotated field) → one string schema. */
    private static void flattenLibraryAllOf(Schema schema) {
        List<Schema> allOf = schema.getAllOf();
        if (allOf == null || allOf.size() != 1) {
            return;
        }
        Schema only = allOf.get(0);
        String format = only.getRef() == null ? null : libraryFormat(only.getRef());
        boolean inlinedAlready = only.getRef() == null && only.getFormat() != null && only.getAll().size() == 2
                && List.of(SchemaType.STRING).equals(only.getType());
        if (format == null && !inlinedAlready) {
            return;
        }
        schema.setAllOf(null);
        schema.setType(List.of(SchemaType.STRING));
        schema.setFormat(format != null ? format : only.getFormat());
    }

    /** {@code $ref: JsonObject}, alone or as the one {@code allOf} beside a description → {@code type: object}. */
    private static void inlineJsonObject(Schema schema) {
        List<Schema> allOf = schema.getAllOf();
        boolean viaAllOf = allOf != null && allOf.size() == 1 && JSON_OBJECT.equals(allOf.get(0).getRef());
        if (viaAllOf || JSON_OBJECT.equals(schema.getRef())) {
            schema.setAllOf(null);
            schema.setRef(null);
            schema.setType(List.of(SchemaType.OBJECT));
        }
    }

    private static String libraryFormat(String ref) {
        return ref.startsWith(COMPONENTS) ? LIBRARY_TYPES.get(ref.substring(COMPONENTS.length())) : null;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components != null && components.getSchemas() != null) {
            LIBRARY_TYPES.keySet().forEach(components::removeSchema);
            components.removeSchema(JSON_OBJECT.substring(COMPONENTS.length()));
        }
    }
}
