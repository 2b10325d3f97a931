package dev.itsm.monitoring;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert group's lifecycle. Groups change only through their alerts (no commands):
 *
 * <pre>
 * (first alert) OPEN ─every alert clear for the flap window─▶ RESOLVED ─an alert joins within the reopen window─▶ OPEN
 * </pre>
 */
@Schema(name = "AlertGroupState")
public enum GroupState {
    OPEN,
    RESOLVED
}
