package dev.itsm.catalog.consumer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

/** What one person (a token subject, the map key) is in a consumer organisation: a name to show and their roles. */
@Embeddable
public class Membership {

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Convert(converter = PersonRolesConverter.class)
    @Column(name = "roles", nullable = false)
    private Set<PersonRole> roles = EnumSet.noneOf(PersonRole.class);

    protected Membership() {
    }

    public Membership(String displayName, Set<PersonRole> roles) {
        this.displayName = displayName;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(PersonRole.class) : EnumSet.copyOf(roles);
    }

    public String displayName() {
        return displayName;
    }

    public Set<PersonRole> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(PersonRole.class) : EnumSet.copyOf(roles);
    }

    public boolean has(PersonRole role) {
        return roles.contains(role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Membership m && Objects.equals(m.displayName, displayName) && Objects.equals(m.roles, roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayName, roles);
    }
}
