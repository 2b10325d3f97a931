package dev.itsm.problemmanagement.candidate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the incidents of a candidate share. */
@Schema(name = "ProblemCandidateKind", description = "CI: the same configuration item; SERVICE: the same service; "
        + "UPSTREAM_CI: incidents on at least two different CIs that all depend (transitively, within "
        + "problem.candidates.upstream-depth relations) on this CI")
public enum CandidateKind {
    CI, SERVICE, UPSTREAM_CI
}
