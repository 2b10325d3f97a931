package dev.itsm.problemmanagement.candidate;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The life of a recurrence candidate: OPEN until someone accepts it (a problem is logged with its incidents) or
 * dismisses it (its key stays quiet for a window), or until its newest incident has left the window (EXPIRED).
 */
@Schema(name = "ProblemCandidateState")
public enum CandidateState {
    OPEN(CandidateCommand.ACCEPT, CandidateCommand.DISMISS),
    ACCEPTED,
    DISMISSED,
    EXPIRED;

    private final List<CandidateCommand> allowed;

    CandidateState(CandidateCommand... allowed) {
        this.allowed = List.of(allowed);
    }

    public boolean allows(CandidateCommand command) {
        return allowed.contains(command);
    }

    /** The commands' names as REST shows them ({@code accept}, {@code dismiss}). */
    public List<String> allowedCommands() {
        return allowed.stream().map(CandidateCommand::wire).toList();
    }
}
