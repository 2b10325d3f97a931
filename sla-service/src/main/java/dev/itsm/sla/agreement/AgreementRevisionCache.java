package dev.itsm.sla.agreement;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads agreement revisions; revisions never change, so they are cached for good. */
@ApplicationScoped
public class AgreementRevisionCache {

    private final Map<AgreementRevision.Key, AgreementDefinition> revisions = new ConcurrentHashMap<>();

    public AgreementDefinition revision(UUID agreementId, int revision) {
        AgreementRevision.Key key = new AgreementRevision.Key(agreementId, revision);
        AgreementDefinition d = revisions.get(key);
        if (d == null) {
            AgreementRevision r = AgreementRevision.findById(key);
            if (r == null) {
                throw new IllegalStateException("agreement " + agreementId + " has no revision " + revision);
            }
            d = r.definition();
            revisions.put(key, d);
        }
        return d;
    }
}
