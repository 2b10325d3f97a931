package dev.itsm.monitoring.intake;

import java.util.ArrayList;
import java.util.List;

/** What a request's body gave: the alerts to queue and the ones rejected, in request order. */
final class ParsedAlerts {

    final AlertSource source;
    final List<NormalizedAlert> accepted;
    final List<RejectedAlert> rejected = new ArrayList<>();

    ParsedAlerts(AlertSource source, int expected) {
        this.source = source;
        this.accepted = new ArrayList<>(expected);
    }

    void reject(int index, String fingerprint, AlertErrors errors) {
        rejected.add(new RejectedAlert(index, fingerprint, List.copyOf(errors.list())));
    }

    boolean allRejected() {
        return accepted.isEmpty() && !rejected.isEmpty();
    }
}
