package dev.itsm.catalog.offering;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * One part of an offering: a good, access to a resource, or a service action, described for the consumer.
 * {@code key} names it within the offering (the request form's answers and the request items refer to it);
 * {@code fulfilmentGroup} is the assignment group whose queue fulfils it, {@code accessPeriod} (access to
 * resources only, ISO-8601) how long a grant lasts; null leaves either to request-service's defaults.
 */
@Embeddable
public class OfferingComponent {

    @Column(name = "component_key", nullable = false)
    private String key;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private ComponentKind kind;

    @Column(name = "description", nullable = false)
    private String description;

    @Column(name = "fulfilment_group")
    private String fulfilmentGroup;

    @Column(name = "access_period")
    private String accessPeriod;

    protected OfferingComponent() {
    }

    public OfferingComponent(String key, ComponentKind kind, String description, String fulfilmentGroup, String accessPeriod) {
        this.key = key;
        this.kind = kind;
        this.description = description;
        this.fulfilmentGroup = fulfilmentGroup;
        this.accessPeriod = accessPeriod;
    }

    public String key() {
        return key;
    }

    public ComponentKind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public String fulfilmentGroup() {
        return fulfilmentGroup;
    }

    public String accessPeriod() {
        return accessPeriod;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfferingComponent c && Objects.equals(c.key, key) && c.kind == kind
                && Objects.equals(c.description, description) && Objects.equals(c.fulfilmentGroup, fulfilmentGroup)
                && Objects.equals(c.accessPeriod, accessPeriod);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, kind, description, fulfilmentGroup, accessPeriod);
    }
}
