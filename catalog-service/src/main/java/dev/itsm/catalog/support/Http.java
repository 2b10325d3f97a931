package dev.itsm.catalog.support;

import java.net.URI;
import java.util.UUID;

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import jakarta.ws.rs.core.Response;

/** The two answers every catalogue resource gives for one aggregate: 200 with its ETag, and 201 for a create. */
public final class Http {

    /** JSON merge patch (RFC 7396), accepted by every PATCH besides {@code application/json}. */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    /** A response body that stands for one versioned aggregate (its version is the ETag). */
    public interface Versioned {
        UUID id();

        long version();
    }

    private Http() {
    }

    /** 200 with the body and its ETag. */
    public static Response ok(Versioned body) {
        return Response.ok(body).tag(ETags.entityTag(body.version())).build();
    }

    /** What {@link IdempotentCreate} answers (201, Location {@code collection/id}, ETag) for a new aggregate. */
    public static IdempotentCreate.Created created(String collection, Versioned body) {
        return new IdempotentCreate.Created(URI.create(collection + "/" + body.id()), body, body.version());
    }
}
