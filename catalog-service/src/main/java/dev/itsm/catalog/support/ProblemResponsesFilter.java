package dev.itsm.catalog.support;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.itsm.platform.problem.Problem;

/**
 * Makes the OpenAPI document state the error contract of every operation once: each documented
 * error response gets the {@code application/problem+json} Problem schema, and every operation
 * lists 401 (no or bad token), 403 (role missing) and 500 (unexpected, with an error id).
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<String, String> COMMON = Map.of(
            "401", "No valid bearer token (missing, expired or badly signed)",
            "403", "The token lacks a role allowed to do this",
            "500", "Unexpected error; the body carries an errorId to quote");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.getOperations().values().forEach(this::complete);
        });
    }

    private void complete(Operation op) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        for (Map.Entry<String, String> e : COMMON.entrySet()) {
            if (!responses.hasAPIResponse(e.getKey())) {
                responses.addAPIResponse(e.getKey(), OASFactory.createAPIResponse().description(e.getValue()));
            }
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                problemContent(response);
            }
        });
    }

    private static void problemContent(APIResponse response) {
        Content content = response.getContent();
        if (content != null && content.hasMediaType(Problem.MEDIA_TYPE)) {
            return;
        }
        Content problem = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
        response.setContent(problem);
    }
}
