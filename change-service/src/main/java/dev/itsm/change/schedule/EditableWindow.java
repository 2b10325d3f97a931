package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.change.events.ChangeWindowChanged;
import dev.itsm.change.events.EditOperation;

/** A window edited as a whole: PUT replaces it with a request {@code R}, PATCH merges into {@link #editable()}; shown as {@code V}. */
public interface EditableWindow<R, V> {

    void replace(R request, Instant now);

    R editable();

    V view();

    /** The catalogue services {@code request} names: they must be in the catalog replica. */
    List<UUID> serviceIdsOf(R request);

    /** The event announcing {@code operation} with the window's full definition as it is now. */
    ChangeWindowChanged changed(EditOperation operation, Instant now);
}
