package dev.itsm.problemmanagement.candidate;

import java.util.Locale;

/** What can be done with a candidate; the names are the REST commands and those a 409 lists as allowed. */
public enum CandidateCommand {
    ACCEPT, DISMISS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
