package dev.itsm.request;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request item's fulfilment. Items have no commands of their own: they follow their task.
 *
 * <pre>
 * PENDING ─fulfilment starts (task opened)─▶ IN_FULFILMENT ─task completed─▶ FULFILLED
 * IN_FULFILMENT ─task failed─▶ FAILED ─task retried─▶ IN_FULFILMENT
 * PENDING, IN_FULFILMENT, FAILED ─request canceled─▶ CANCELED           (FULFILLED, CANCELED are final)
 * </pre>
 */
@Schema(name = "RequestItemState")
public enum ItemState {
    PENDING,
    IN_FULFILMENT,
    FULFILLED,
    FAILED,
    CANCELED;

    /** The states each state may move to. */
    public Set<ItemState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(IN_FULFILMENT, CANCELED);
            case IN_FULFILMENT -> EnumSet.of(FULFILLED, FAILED, CANCELED);
            case FAILED -> EnumSet.of(IN_FULFILMENT, CANCELED);
            case FULFILLED, CANCELED -> EnumSet.noneOf(ItemState.class);
        };
    }

    public boolean canMoveTo(ItemState target) {
        return next().contains(target);
    }
}
