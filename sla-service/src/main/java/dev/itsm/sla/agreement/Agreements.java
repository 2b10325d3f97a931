package dev.itsm.sla.agreement;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads agreement revisions; revisions never change, so they are cached for good. */
@ApplicationScoped
public class Agreements {

    private final Map<AgreementRevision.Key, AgreementDefinition> revisions = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    Agreements(ObjectMapper json) {
        this.json = json;
    }

    public AgreementDefinition revision(UUID agreementId, int revision) {
        AgreementRevision.Key key = new AgreementRevision.Key(agreementId, revision);
        AgreementDefinition d = revisions.get(key);
        if (d == null) {
            AgreementRevision r = AgreementRevision.findById(key);
            if (r == null) {
                throw new IllegalStateException("agreement " + agreementId + " has no revision " + revision);
            }
            d = parse(r.definition);
            revisions.put(key, d);
        }
        return d;
    }

    public AgreementDefinition parse(String definition) {
        try {
            return json.readValue(definition, AgreementDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable agreement definition", e);
        }
    }

    public String toJson(AgreementDefinition d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
