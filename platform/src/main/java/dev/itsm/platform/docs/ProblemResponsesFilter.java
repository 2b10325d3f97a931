package dev.itsm.platform.docs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.itsm.platform.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;

/**
 * States the error contract of every {@code /api} operation once, for every service: the
 * responses any endpoint can give (400, 401, 403, 500) are listed, every 4xx/5xx response gets the
 * {@code application/problem+json} {@code Problem} schema, and each gets an example body for its
 * status whose {@code instance} is the operation's own path. A resource documents only the errors
 * that are particular to it (404, 409, 412, 422), with its own example where it has one.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<String, String> ALWAYS = new LinkedHashMap<>();
    static {
        ALWAYS.put("400", "Invalid input: errors[] names each field or parameter");
        ALWAYS.put("401", "Missing, expired or badly signed bearer token");
        ALWAYS.put("403", "The token does not carry a role allowed to do this");
        ALWAYS.put("500", "Unexpected error (no internals; quote the errorId)");
        ALWAYS.put("503", "Overloaded (this instance is at its limit of requests in flight) or its database is unreachable;"
                + " nothing was done: retry after Retry-After seconds");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().values().forEach(op -> complete(path, op));
            }
        });
        ensureProblemSchema(openAPI);
    }

    /**
     * The {@code Problem} schema the responses refer to. SmallRye writes it from the annotated class
     * when a resource names it; a service that names it nowhere still gets it, from here.
     */
    private static void ensureProblemSchema(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() != null && openAPI.getComponents().getSchemas().containsKey("Problem")) {
            // RFC 9457 §3.2: problem types add extension members (serviceId, currentVersion, ...); saying
            // so keeps strict example checkers (redocly's no-invalid-media-type-examples) from refusing them
            openAPI.getComponents().getSchemas().get("Problem").setAdditionalPropertiesBoolean(true);
            return;
        }
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", text("JSON path or parameter name of the field"))
                .addProperty("message", text("What is wrong with it"));
        Schema problem = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details; extension members may follow the standard ones.")
                .additionalPropertiesBoolean(true)
                .addProperty("type", text("URI identifying the problem type").format("uri"))
                .addProperty("title", text("Short summary of the problem type"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                        .description("HTTP status code"))
                .addProperty("detail", text("Explanation of this occurrence"))
                .addProperty("instance", text("The request path this occurrence is about"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(fieldError)
                        .description("One entry per invalid field (validation problems only)"));
        openAPI.getComponents().addSchema("Problem", problem);
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static void complete(String path, Operation op) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        for (Map.Entry<String, String> e : ALWAYS.entrySet()) {
            if (!responses.hasAPIResponse(e.getKey())) {
                responses.addAPIResponse(e.getKey(), OASFactory.createAPIResponse().description(e.getValue()));
            }
        }
        APIResponse unavailable = responses.getAPIResponse("503");
        if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
            unavailable.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")));
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                MediaType problem = problemMediaType(response);
                if (problem.getExample() == null && (problem.getExamples() == null || problem.getExamples().isEmpty())) {
                    Map<String, Object> example = example(code, path);
                    if (example != null) {
                        problem.setExample(example);
                    }
                }
            }
        });
    }

    private static MediaType problemMediaType(APIResponse response) {
        Content content = response.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        MediaType problem = content.getMediaType(Problem.MEDIA_TYPE);
        if (problem == null) {
            problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
            content.addMediaType(Problem.MEDIA_TYPE, problem);
        }
        return problem;
    }

    /** A body of the kind the platform's problem mapping really sends for {@code status}. */
    static Map<String, Object> example(String status, String path) {
        Map<String, Object> p = new LinkedHashMap<>();
        String instance = path.replaceAll("\\{[^}]+}", "7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11");
        switch (status) {
            case "400" -> {
                p.put("type", Problem.TYPE_BASE + "validation");
                p.put("title", "Validation failed");
                p.put("detail", "size: must be between 1 and 500");
                p.put("errors", List.of(Map.of("field", "size", "message", "must be between 1 and 500")));
            }
            case "401" -> {
                p.put("type", Problem.TYPE_BASE + "unauthorized");
                p.put("title", "Unauthorized");
                p.put("detail", "A valid bearer token is required (missing, expired or badly signed)");
            }
            case "403" -> {
                p.put("type", Problem.TYPE_BASE + "forbidden");
                p.put("title", "Forbidden");
                p.put("detail", "Your token does not carry a role allowed to do this");
            }
            case "404" -> {
                p.put("type", Problem.TYPE_BASE + "not-found");
                p.put("title", "Not found");
                p.put("detail", "No resource at " + instance);
            }
            case "412" -> {
                p.put("type", Problem.TYPE_BASE + "precondition-failed");
                p.put("title", "Precondition failed");
                p.put("detail", "If-Match \"3\" does not match the current version \"4\"");
                p.put("currentVersion", 4);
            }
            case "500" -> {
                p.put("type", Problem.TYPE_BASE + "internal");
                p.put("title", "Internal server error");
                p.put("detail", "An unexpected error occurred; quote error id 2b4c6f0e-1111-4c3b-9a55-0e2f7d1c9b20 when reporting it");
                p.put("errorId", "2b4c6f0e-1111-4c3b-9a55-0e2f7d1c9b20");
            }
            case "503" -> {
                p.put("type", Problem.TYPE_BASE + "overloaded");
                p.put("title", "Service overloaded");
                p.put("detail", "This instance is working on 128 requests, its limit; nothing was done. Retry in a second.");
            }
            default -> {
                return null;
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("type", p.remove("type"));
        ordered.put("title", p.remove("title"));
        ordered.put("status", Integer.valueOf(status));
        ordered.put("detail", p.remove("detail"));
        ordered.put("instance", instance);
        ordered.putAll(p);
        return ordered;
    }
}
