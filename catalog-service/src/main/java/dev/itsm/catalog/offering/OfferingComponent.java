package dev.itsm.catalog.offering;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;

/** One part of an offering: a good, access to a resource, or a service action, described for the consumer. */
@Embeddable
public class OfferingComponent {

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private ComponentKind kind;

    @Column(name = "description", nullable = false)
    private String description;

    protected OfferingComponent() {
    }

    public OfferingComponent(ComponentKind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public ComponentKind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfferingComponent c && c.kind == kind && Objects.equals(c.description, description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, description);
    }
}
