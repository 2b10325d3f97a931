package dev.itsm.platform.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * RFC 9457 problem details, the one error body of the whole suite ({@code application/problem+json}).
 * Extension members (e.g. {@code currentState}, {@code allowedCommands}, {@code conflicts}) appear
 * at the top level next to the standard members.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details.", example = """
        {"type":"https://itsm.dev/problems/validation","title":"Validation failed","status":400,
         "detail":"1 field is invalid","instance":"/api/v1/incidents",
         "errors":[{"field":"title","message":"must not be blank"}]}""")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors" })
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://itsm.dev/problems/";

    @Schema(description = "URI identifying the problem type", example = "https://itsm.dev/problems/not-found")
    private final URI type;
    @Schema(description = "Short summary of the problem type", example = "Not found")
    private final String title;
    @Schema(description = "HTTP status code", example = "404")
    private final int status;
    @Schema(description = "Explanation of this occurrence", example = "Incident 7c1e… does not exist")
    private final String detail;
    @Schema(description = "The request path this occurrence is about", example = "/api/v1/incidents/7c1e…")
    private final String instance;
    @Schema(description = "One entry per invalid field (validation problems only)")
    private final List<FieldError> errors;
    @Schema(hidden = true)
    private final Map<String, Object> extensions;

    public Problem(String typeSlug, String title, int status, String detail, String instance,
            List<FieldError> errors, Map<String, Object> extensions) {
        this.type = URI.create(TYPE_BASE + typeSlug);
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public URI getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    /** One invalid input field. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "JSON path or parameter name of the field", example = "impact") String field,
            @Schema(description = "What is wrong with it", example = "must be one of HIGH, MEDIUM, LOW") String message) {
    }
}
