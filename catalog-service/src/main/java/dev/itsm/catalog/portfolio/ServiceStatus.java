package dev.itsm.catalog.portfolio;

import static dev.itsm.catalog.portfolio.ServiceCommand.GO_LIVE;
import static dev.itsm.catalog.portfolio.ServiceCommand.RETIRE;
import static dev.itsm.catalog.portfolio.ServiceCommand.UPDATE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a service is in the portfolio, and which commands each status accepts. The target
 * statuses are in {@link ItService}'s command methods.
 *
 * <pre>
 * PIPELINE ──go-live──▶ LIVE ──retire──▶ RETIRED      (edits allowed until RETIRED, which is final)
 *     └──────────────retire─────────────────▲
 * </pre>
 */
@Schema(name = "ServiceLifecycleStatus", description = "Where a service is in the portfolio: PIPELINE → LIVE → RETIRED")
public enum ServiceStatus {
    /** Being designed. */
    PIPELINE(GO_LIVE, RETIRE, UPDATE),
    /** In the catalogue; accepts incidents. */
    LIVE(RETIRE, UPDATE),
    /** Frozen. */
    RETIRED;

    private final Set<ServiceCommand> allowed;

    ServiceStatus(ServiceCommand... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(ServiceCommand.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(ServiceCommand command) {
        return allowed.contains(command);
    }

    /** The POST commands accepted in this status, as their URL names (in {@link ServiceCommand} order). */
    public List<String> allowedCommands() {
        return allowed.stream().filter(c -> c != UPDATE).map(ServiceCommand::wireName).toList();
    }
}
