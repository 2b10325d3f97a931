package dev.itsm.incident.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes every {@code /api} operation's error documentation: the responses every endpoint can
 * give (400, 401, 403, 500) are added, and each {@code application/problem+json} response gets an
 * example body for its status.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM = "application/problem+json";

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Invalid input: the errors[] array names each field",
            "401", "Missing, expired or badly signed bearer token",
            "403", "The token does not carry a role allowed to do this",
            "500", "Unexpected error (no internals; quote the errorId)");

    private static final Map<String, String> EXAMPLES = Map.of(
            "400", """
                    {"type":"https://itsm.dev/problems/validation","title":"Validation failed","status":400,"detail":"impact: must be one of HIGH, MEDIUM, LOW","instance":"/api/v1/incidents","errors":[{"field":"impact","message":"must be one of HIGH, MEDIUM, LOW"}]}""",
            "401", """
                    {"type":"https://itsm.dev/problems/unauthorized","title":"Unauthorized","status":401,"detail":"A valid bearer token is required (missing, expired or badly signed)","instance":"/api/v1/incidents"}""",
            "403", """
                    {"type":"https://itsm.dev/problems/forbidden","title":"Forbidden","status":403,"detail":"Your token does not carry a role allowed to do this","instance":"/api/v1/incidents"}""",
            "404", """
                    {"type":"https://itsm.dev/problems/not-found","title":"Not found","status":404,"detail":"Incident 7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11 does not exist","instance":"/api/v1/incidents/7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11"}""",
            "409", """
                    {"type":"https://itsm.dev/problems/illegal-transition","title":"Command not allowed in the current state","status":409,"detail":"Cannot resume incident in state IN_PROGRESS; allowed: assign, hold, resolve, cancel, declare-major, update","instance":"/api/v1/incidents/7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11/resume","currentState":"IN_PROGRESS","command":"resume","allowedCommands":["assign","hold","resolve","cancel","declare-major","update"]}""",
            "412", """
                    {"type":"https://itsm.dev/problems/precondition-failed","title":"Precondition failed","status":412,"detail":"If-Match \\"3\\" does not match the current version \\"4\\"","instance":"/api/v1/incidents/7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11/resolve","currentVersion":4}""",
            "422", """
                    {"type":"https://itsm.dev/problems/service-not-live","title":"Service is not live","status":422,"detail":"Service 'Online Shop' (3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01) is RETIRED; incidents can be opened only against LIVE services","instance":"/api/v1/incidents","serviceId":"3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01","serviceName":"Online Shop","serviceStatus":"RETIRED"}""",
            "500", """
                    {"type":"https://itsm.dev/problems/internal","title":"Internal server error","status":500,"detail":"An unexpected error occurred; quote error id 2b4c… when reporting it","instance":"/api/v1/incidents","errorId":"2b4c6f0e-1111-4c3b-9a55-0e2f7d1c9b20"}""");

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        for (String code : new String[] { "400", "401", "403", "500" }) {
            if (responses.getAPIResponse(code) == null) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(DESCRIPTIONS.get(code)));
            }
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                if (response.getContent() == null || response.getContent().getMediaType(PROBLEM) == null) {
                    response.setContent(problemContent());
                }
                addExample(code, response);
            }
        });
        return operation;
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }

    private static void addExample(String code, APIResponse response) {
        String example = EXAMPLES.get(code);
        if (example == null || response.getContent() == null) {
            return;
        }
        MediaType problem = response.getContent().getMediaType(PROBLEM);
        if (problem != null && problem.getExample() == null && (problem.getExamples() == null || problem.getExamples().isEmpty())) {
            problem.addExample(code, OASFactory.createExample().summary("HTTP " + code).externalValue(null)
                    .value(parse(example)));
        }
    }

    private static Object parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (Exception e) {
            return json;
        }
    }
}
