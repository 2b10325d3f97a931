package dev.itsm.monitoring.rule;

import dev.itsm.monitoring.intake.NormalizedAlert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;

/**
 * Classifies alerts by the alert rules: the first enabled rule (by position, then name) whose matchers hold, else
 * the default rule. Pure and fast: the rules are cached, compiled once, and reloaded by {@link #refresh()} only when
 * their revision counter (bumped in every rule save's transaction) changed.
 */
@ApplicationScoped
public class RuleBook {

    private record Snapshot(long revision, List<CompiledRule> rules) {
    }

    @Inject
    EntityManager em;

    @Inject
    AlertRules store;

    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    /** Classifies one alert with the rules as last refreshed; no query. */
    public Classification classify(NormalizedAlert alert) {
        for (CompiledRule rule : snapshot.rules()) {
            if (rule.matches(alert)) {
                return rule.classify(alert);
            }
        }
        return DefaultRule.classify(alert);
    }

    /** Reloads the rules if they changed since the last call (else one SELECT of the revision counter). */
    @Transactional
    public void refresh() {
        long revision = ((Number) em.createNativeQuery("select revision from alert_rule_revision where id = 1")
                .getSingleResult()).longValue();
        if (revision == snapshot.revision()) {
            return;
        }
        load(revision, store.active().stream().map(r -> new CompiledRule(r.id(), r.version(), r.definition())).toList());
    }

    /** Enabled rules in the order they are tried: position, then name. */
    void load(long revision, List<CompiledRule> rules) {
        snapshot = new Snapshot(revision, rules.stream().filter(c -> c.rule.enabled())
                .sorted(Comparator.comparingInt((CompiledRule c) -> c.rule.position()).thenComparing(c -> c.rule.name()))
                .toList());
    }
}
