package dev.itsm.incident.knownerror;

import java.util.List;
import java.util.UUID;

/**
 * What this service keeps of a known error, read from a problem event: the {@code knownError} object
 * of {@code KnownErrorPublished}/{@code KnownErrorRetired} plus the problem's id and number from the
 * flattened problem facts.
 */
public record KnownErrorFacts(
        UUID knownErrorId,
        String number,
        UUID problemId,
        String problemNumber,
        String title,
        String workaround,
        List<UUID> serviceIds,
        List<UUID> ciIds,
        int revision) {

    /** The work note that tells an incident's agents about the known error and its workaround. */
    public String note() {
        return "Known error " + number + " (problem " + problemNumber + "): " + title + ". Workaround: " + workaround;
    }

    public static KnownErrorFacts of(KnownErrorReplica ke) {
        return new KnownErrorFacts(ke.id(), ke.number(), ke.problemId(), ke.problemNumber(), ke.title(), ke.workaround(),
                ke.serviceIds(), ke.ciIds(), ke.revision());
    }
}
