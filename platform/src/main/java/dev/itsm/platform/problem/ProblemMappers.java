package dev.itsm.platform.problem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * The one place where exceptions become HTTP responses: RFC 9457 problem+json for every error,
 * never a stack trace, never HTML, never 500 for bad input.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return respond(new ValidationException(errors).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(new Problem("malformed-json", "Malformed JSON", 400,
                "The request body is not valid JSON" + where, path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return badJsonValue(e, uri, describeInvalid(e));
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return badJsonValue(e, uri, "unknown field");
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "a different JSON type" : jsonTypeName(e.getTargetType());
        return badJsonValue(e, uri, "expected " + expected);
    }

    @ServerExceptionMapper
    public Response valueInstantiation(ValueInstantiationException e, UriInfo uri) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return badJsonValue(e, uri, String.valueOf(cause.getMessage()));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return badJsonValue(e, uri, "cannot be read");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem("malformed-json", "Malformed JSON", 400,
                "The request body could not be read as JSON", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem("forbidden", "Forbidden", 403,
                "Your token does not carry a role allowed to do this", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return badJsonValue(mapping, uri, "cannot be read");
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException) {
            return json((JsonProcessingException) e.getCause(), uri);
        }
        if (status >= 500) {
            return internal(e, uri);
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info == null ? "HTTP " + status : info.getReasonPhrase();
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String detail = switch (status) {
            case 404 -> "No resource at " + path(uri);
            case 405 -> "Method not allowed on " + path(uri);
            case 415 -> "Content-Type " + (headers == null || headers.getMediaType() == null ? "(none)" : headers.getMediaType())
                    + " is not accepted here; the operation's requestBody in the OpenAPI document lists the media types it takes"
                    + " (application/json for most)";
            case 406 -> "None of the accepted media types can be produced";
            default -> e.getMessage();
        };
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(slug, title, status, detail, path(uri), null, null));
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            r.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (causedBy(e, "OptimisticLock") || causedBy(e, "StaleObjectState") || causedBy(e, "StaleState")) {
            return respond(new Problem("concurrent-modification", "Concurrent modification", 409,
                    "Someone else changed this resource at the same time; reload it and try again", path(uri), null, null));
        }
        if (sqlState(e, "23505")) {
            return respond(new Problem("duplicate", "Duplicate", 409,
                    "A resource with the same unique value already exists", path(uri), null, null));
        }
        String state = sqlState(e);
        if (state != null && (state.startsWith("22") || state.equals("54000"))) {
            // data exception (e.g. a NUL character, a value out of range) or a value too large to index:
            // the input cannot be stored; the transaction was rolled back, nothing changed
            return respond(new Problem("unstorable-value", "Value cannot be stored", 400,
                    "A value in the request cannot be stored (for example it contains a NUL character, is out of range or is too large)",
                    path(uri), null, null));
        }
        if ((state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")))
                || causedBy(e, "JDBCConnectionException")) {
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(new Problem("database-unavailable", "Service unavailable", 503,
                            "The service's database is unreachable at the moment; nothing was changed. Retry shortly.",
                            path(uri), null, null))
                    .build();
        }
        return internal(e, uri);
    }

    /**
     * An {@link Error} — out of heap (a problem-service accept once ran out), out of stack — is the same 500 problem
     * with an error id; unmapped, the framework answered with its own error page (plain text, or JSON that is not
     * a problem).
     */
    @ServerExceptionMapper
    public Response error(Error e, UriInfo uri) {
        return internal(e, uri);
    }

    private Response internal(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, path(uri));
        return respond(new Problem("internal", "Internal server error", 500,
                "An unexpected error occurred; quote error id " + errorId + " when reporting it", path(uri), null,
                Map.of("errorId", errorId)));
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new Problem("unauthorized", "Unauthorized", 401,
                        "A valid bearer token is required (missing, expired or badly signed)", path(uri), null, null))
                .build();
    }

    private Response badJsonValue(JsonMappingException e, UriInfo uri, String message) {
        if (endsTooEarly(e)) {
            // Jackson reports a body cut short inside an object as a mapping problem of the field it was
            // reading; the client's mistake is the JSON itself, not that field's value.
            return respond(new Problem("malformed-json", "Malformed JSON", 400,
                    "The request body ends before the JSON is complete", path(uri), null, null));
        }
        String field = jsonPath(e.getPath());
        return respond(new ValidationException(List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message)))
                .toProblem(path(uri)));
    }

    private static boolean endsTooEarly(JsonMappingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonEOFException || String.valueOf(t.getMessage()).contains("end-of-input")) {
                return true;
            }
        }
        return false;
    }

    static Response respond(Problem problem) {
        return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static String describeInvalid(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "expected " + (target == null ? "another value" : jsonTypeName(target)) + ", got " + e.getValue();
    }

    private static String jsonTypeName(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "an ISO-8601 instant such as 2026-11-27T09:30:00Z";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-12-24";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Property path without the method and argument names: {@code create.request.title} → {@code title}. */
    static String fieldOf(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                name = (name == null ? "" : name) + "[" + node.getIndex() + "]";
            } else if (node.getKey() != null) {
                name = (name == null ? "" : name) + "[" + node.getKey() + "]";
            }
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static boolean causedBy(Throwable e, String simpleNamePart) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().contains(simpleNamePart)) {
                return true;
            }
        }
        return false;
    }

    /** The SQLState of the first SQLException in the cause chain, or null. */
    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static boolean sqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
