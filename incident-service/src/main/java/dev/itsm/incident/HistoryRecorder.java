package dev.itsm.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.incident.api.HistoryEntryView.FieldChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes history entries in the caller's transaction (so a change and its history commit together). */
@ApplicationScoped
public class HistoryRecorder {

    private final ObjectMapper json;

    HistoryRecorder(ObjectMapper json) {
        this.json = json;
    }

    /** Records the difference between two {@link Incident#snapshot()}s. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDiff(UUID incidentId, String actor, String action, Map<String, String> before,
            Map<String, String> after, String detail, Instant at) {
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                changes.add(new FieldChange(e.getKey(), old, e.getValue()));
            }
        }
        record(incidentId, actor, action, changes, detail, at);
    }

    /** Records an entry with explicit changes (may be empty, e.g. for a note). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID incidentId, String actor, String action, List<FieldChange> changes, String detail,
            Instant at) {
        IncidentHistory h = new IncidentHistory();
        h.incidentId = incidentId;
        h.at = at;
        h.actor = actor;
        h.action = action;
        h.changes = write(changes);
        h.detail = detail;
        h.persist();
    }

    /** All values of a newly opened incident, as "null → value" changes. */
    public static Map<String, String> empty(Map<String, String> after) {
        Map<String, String> none = new LinkedHashMap<>();
        after.keySet().forEach(k -> none.put(k, null));
        return none;
    }

    public List<FieldChange> read(String changes) {
        try {
            return List.of(json.readValue(changes, FieldChange[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history changes", e);
        }
    }

    private String write(List<FieldChange> changes) {
        try {
            return json.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
