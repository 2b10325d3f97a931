package dev.itsm.request.catalog;

import java.util.List;

/** A person of a consumer organisation (jsonb in {@code catalog_organisation.people}). */
public record PersonReplica(String subject, String displayName, List<String> roles) {

    public static final String USER = "USER";
    public static final String CUSTOMER = "CUSTOMER";
    public static final String SPONSOR = "SPONSOR";

    public PersonReplica {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
