package dev.itsm.problemmanagement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.itsm.problemmanagement.ProblemHistory.Change;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes history entries in the caller's transaction (so a change and its history commit together). */
@ApplicationScoped
public class HistoryRecorder {

    /** Records the difference between two {@link Problem#snapshot()}s. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDiff(UUID problemId, String actor, String action, Map<String, String> before,
            Map<String, String> after, String detail, Instant at) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                changes.add(new Change(e.getKey(), old, e.getValue()));
            }
        }
        record(problemId, actor, action, changes, detail, at);
    }

    /** Records an entry with explicit changes (may be empty, e.g. for a note). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID problemId, String actor, String action, List<Change> changes, String detail,
            Instant at) {
        ProblemHistory.entry(problemId, actor, action, changes, detail, at).persist();
    }

    /** All values of a newly logged problem, as "null → value" changes. */
    public static Map<String, String> empty(Map<String, String> after) {
        Map<String, String> none = new LinkedHashMap<>();
        after.keySet().forEach(k -> none.put(k, null));
        return none;
    }
}
