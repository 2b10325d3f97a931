package dev.itsm.catalog.events;

import java.util.List;

import dev.itsm.catalog.offering.ComponentKind;
import dev.itsm.catalog.offering.OfferingComponent;

/**
 * One component of an offering inside offering events. {@code fulfilmentGroup} and {@code accessPeriod}
 * (ISO-8601) are null when request-service's defaults apply.
 */
public record ComponentFacts(String key, ComponentKind kind, String description, String fulfilmentGroup, String accessPeriod) {

    public static List<ComponentFacts> of(List<OfferingComponent> components) {
        return components.stream()
                .map(c -> new ComponentFacts(c.key(), c.kind(), c.description(), c.fulfilmentGroup(), c.accessPeriod()))
                .toList();
    }
}
