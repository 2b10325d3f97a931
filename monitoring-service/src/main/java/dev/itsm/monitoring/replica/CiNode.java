package dev.itsm.monitoring.replica;

import java.util.List;
import java.util.UUID;

/** A configuration item of the catalogue replica with the services it serves (directly or, failing that, through its
 * nearest downstream CIs). */
public record CiNode(UUID id, String name, List<UUID> serviceIds) {

    public CiNode {
        serviceIds = List.copyOf(serviceIds);
    }
}
