package dev.itsm.incident.knownerror;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An ACTIVE known error that matches an incident, and on what: its CI, or (less specific) its service. */
public record KnownErrorMatch(KnownErrorReplica knownError, MatchedOn matchedOn) {

    /** CI before SERVICE: a match on the configuration item is the more specific one. */
    @Schema(name = "IncidentKnownErrorMatchedOn", description = "CI or SERVICE")
    public enum MatchedOn {
        CI, SERVICE
    }

    /** The work note for a new incident that matches this known error. */
    public String note() {
        return "Known error " + knownError.number() + " (problem " + knownError.problemNumber() + ") matches this incident's "
                + (matchedOn == MatchedOn.CI ? "CI" : "service") + ": " + knownError.title() + ". Workaround: "
                + knownError.workaround();
    }
}
