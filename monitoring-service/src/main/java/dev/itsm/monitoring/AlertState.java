package dev.itsm.monitoring;

import static dev.itsm.monitoring.AlertCommand.ACKNOWLEDGE;
import static dev.itsm.monitoring.AlertCommand.SUPPRESS;
import static dev.itsm.monitoring.AlertCommand.UNSUPPRESS;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert's lifecycle: which commands each state accepts. {@link Alert#allowedCommands()} narrows them by whether the
 * alert is already acknowledged or suppressed.
 *
 * <pre>
 * (first firing) FIRING ─resolved─▶ RESOLVED ─fires again within the flap window─▶ FIRING (flapCount + 1)
 *                                   RESOLVED ─fires again later─▶ a new alert of the same dedup key
 * </pre>
 */
@Schema(name = "AlertState")
public enum AlertState {
    FIRING(ACKNOWLEDGE, SUPPRESS, UNSUPPRESS),
    RESOLVED;

    private final Set<AlertCommand> allowed;

    AlertState(AlertCommand... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(AlertCommand.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(AlertCommand command) {
        return allowed.contains(command);
    }

    /** REST command names accepted in this state (in {@link AlertCommand} order). */
    public List<String> allowedCommands() {
        return allowed.stream().map(AlertCommand::wireName).toList();
    }
}
