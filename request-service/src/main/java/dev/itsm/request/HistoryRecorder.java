package dev.itsm.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.itsm.request.RequestHistory.Change;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes history entries in the caller's transaction (so a change and its history commit together). */
@ApplicationScoped
public class HistoryRecorder {

    /** Records the difference between two {@link Request#snapshot()}s. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDiff(UUID requestId, String actor, String action, Map<String, String> before,
            Map<String, String> after, String detail, Instant at) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                changes.add(new Change(e.getKey(), old, e.getValue()));
            }
        }
        RequestHistory.entry(requestId, actor, action, changes, detail, at).persist();
    }
}
