package dev.itsm.change.schedule;

import java.time.Instant;

import dev.itsm.change.events.ChangeWindowChanged;
import dev.itsm.change.events.EditOperation;

/** A window edited as a whole: PUT replaces it with a request {@code R}, PATCH merges into {@link #editable()}; shown as {@code V}. */
public interface EditableWindow<R, V> {

    void replace(R request, Instant now);

    R editable();

    V view();

    /** The event announcing {@code operation} with the window's full definition as it is now. */
    ChangeWindowChanged changed(EditOperation operation, Instant now);
}
