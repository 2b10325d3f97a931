package dev.itsm.platform.http;

import dev.itsm.platform.problem.PreconditionFailedException;
import jakarta.ws.rs.core.EntityTag;

/** Strong ETags from an aggregate's {@code version}, and the {@code If-Match} check (412). */
public final class ETags {

    private ETags() {
    }

    /** {@code "7"} for version 7 (the header value). */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The same tag for {@code Response.tag(...)}. */
    public static EntityTag entityTag(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /**
     * Throws 412 when {@code ifMatch} is present and names none of the current version
     * ({@code *} matches anything). {@code If-Match} uses the strong comparison (RFC 9110 §13.1.1):
     * a weak tag such as {@code W/"7"} never matches, because a weak tag does not promise that the
     * client saw these exact bytes.
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return;
            }
            if (tag.equals(of(currentVersion))) {
                return;
            }
        }
        throw new PreconditionFailedException(ifMatch, currentVersion);
    }
}
