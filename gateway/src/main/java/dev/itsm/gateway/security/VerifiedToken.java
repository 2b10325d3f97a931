package dev.itsm.gateway.security;

import java.util.Set;

/** What the gateway needs from a verified bearer token; {@code validUntilEpochSecond}: exp, or the end of its maximum age. */
public record VerifiedToken(String subject, Set<String> groups, long validUntilEpochSecond) {

    public boolean hasAnyOf(Iterable<String> roles) {
        for (String role : roles) {
            if (groups.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
