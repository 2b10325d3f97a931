package dev.itsm.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * RFC 9457 problem details written by the gateway itself, in exactly the shape of the services'
 * {@code dev.itsm.platform.problem.Problem} ({@code type} = {@value #TYPE_BASE}{@code <slug>},
 * {@code title}, {@code status}, {@code detail}, {@code instance}).
 *
 * <p>Deliberately a few lines of duplication instead of a dependency on {@code platform}: that
 * module brings a datasource, Flyway, Kafka and JAX-RS, none of which the gateway may need.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://itsm.dev/problems/";

    private Problems() {
    }

    /** The problem body as JSON, members in the platform's order. */
    public static JsonObject body(String slug, String title, int status, String detail, String instance) {
        JsonObject json = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        if (instance != null) {
            json.put("instance", instance);
        }
        return json;
    }

    public static Buffer buffer(String slug, String title, int status, String detail, String instance) {
        return body(slug, title, status, detail, instance).toBuffer();
    }

    /** Ends {@code response} with a problem body unless it has already been (partly) sent. */
    public static void send(HttpServerResponse response, String slug, String title, int status, String detail,
            String instance) {
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        Buffer body = buffer(slug, title, status, detail, instance);
        response.setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Content-Length", String.valueOf(body.length()))
                .end(body);
    }
}
