package dev.itsm.change.schedule;

import java.time.Instant;

/** A window edited as a whole: PUT replaces it with a request {@code R}, PATCH merges into {@link #editable()}; shown as {@code V}. */
public interface EditableWindow<R, V> {

    void replace(R request, Instant now);

    R editable();

    V view();
}
