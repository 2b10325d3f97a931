package dev.itsm.change.events;

/** What happened to a change model or window: the {@code operation} of its ...Changed event. */
public enum EditOperation {
    CREATED,
    UPDATED,
    DELETED
}
