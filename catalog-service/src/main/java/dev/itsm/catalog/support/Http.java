package dev.itsm.catalog.support;

import dev.itsm.platform.http.ETags;
import jakarta.ws.rs.core.Response;

/** Small helpers the resources share. */
public final class Http {

    /** JSON merge patch (RFC 7386). */
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String PROBLEM = "application/problem+json";

    private Http() {
    }

    /** 200 with the body and its ETag. */
    public static Response ok(Object body, long version) {
        return Response.ok(body).tag(ETags.entityTag(version)).build();
    }
}
