package dev.itsm.catalog.support;

import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.ValidationException;

/**
 * The lifecycle filter of a catalogue list. The API vocabulary calls it {@code state}; services, CIs
 * and offerings called it {@code status} first, and that name stays accepted. Sending both is fine
 * while they agree.
 */
public final class LifecycleFilter {

    private LifecycleFilter() {
    }

    /** The value asked for, or null; a malformed value is the usual 400 naming its parameter. */
    public static <E extends Enum<E>> E parse(String state, String status, Class<E> type) {
        E byState = QueryParams.enumValue("state", state, type);
        E byStatus = QueryParams.enumValue("status", status, type);
        if (byState != null && byStatus != null && byState != byStatus) {
            throw new ValidationException("state", "differs from status (its older name): send one of them");
        }
        return byState != null ? byState : byStatus;
    }
}
