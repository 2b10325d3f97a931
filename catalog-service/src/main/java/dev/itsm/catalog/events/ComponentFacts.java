package dev.itsm.catalog.events;

import java.util.List;

import dev.itsm.catalog.offering.ComponentKind;
import dev.itsm.catalog.offering.OfferingComponent;

/** One component of an offering inside offering events. */
public record ComponentFacts(ComponentKind kind, String description) {

    public static List<ComponentFacts> of(List<OfferingComponent> components) {
        return components.stream().map(c -> new ComponentFacts(c.kind(), c.description())).toList();
    }
}
