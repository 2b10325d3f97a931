package dev.itsm.monitoring.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Alert rules: create, replace, patch, delete (soft), read, list, versions. Every save is a new version — the
 * row's content is replaced whole, the version bumped, a copy kept in {@code alert_rule_version} — and bumps the
 * rules' revision counter in the same transaction, so {@link RuleBook#refresh()} sees it at once.
 */
@ApplicationScoped
public class AlertRules {

    static final Keyset.Column<AlertRule> POSITION = Keyset.Column.of("position", Integer.class, AlertRule::position);
    static final Keyset.Column<AlertRule> NAME = Keyset.Column.of("name", String.class, AlertRule::name);
    static final Keyset.Column<AlertRule> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, AlertRule::updatedAt);
    static final Keyset.Column<AlertRule> ID = Keyset.Column.of("id", UUID.class, AlertRule::id);
    /** API field → column of the sorts the list allows. */
    public static final Map<String, String> SORTABLE = Map.of("position", POSITION.expression(), "name",
            NAME.expression(), "updatedAt", UPDATED_AT.expression());
    public static final String DEFAULT_SORT = "position,name";

    private final EntityManager em;
    private final ObjectMapper json;
    private final MergePatch mergePatch;
    private final Clock clock;

    AlertRules(EntityManager em, ObjectMapper json, MergePatch mergePatch, Clock clock) {
        this.em = em;
        this.json = json;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    @Transactional
    public AlertRuleView create(AlertRuleRequest request, String by) {
        RuleDefinition d = RuleDefinition.of(request);
        requireUniqueName(d.name(), null);
        AlertRule rule = AlertRule.create(UUID.randomUUID(), d, by, clock.instant());
        em.persist(rule);
        return saved(rule);
    }

    @Transactional
    public AlertRuleView get(UUID id) {
        return find(id).view();
    }

    /** PUT: the request replaces the rule whole (absent fields take their defaults). */
    @Transactional
    public AlertRuleView replace(UUID id, AlertRuleRequest request, String ifMatch, String by) {
        AlertRule rule = lockForSave(id, ifMatch);
        RuleDefinition d = RuleDefinition.of(request);
        requireUniqueName(d.name(), id);
        rule.save(d, by, clock.instant());
        return saved(rule);
    }

    /** PATCH: a JSON merge patch onto the rule as a request, then saved like a PUT. */
    @Transactional
    public AlertRuleView patch(UUID id, JsonNode patch, String ifMatch, String by) {
        AlertRule rule = lockForSave(id, ifMatch);
        AlertRuleRequest merged = mergePatch.apply(rule.view().toRequest(), patch, AlertRuleRequest.class);
        RuleDefinition d = RuleDefinition.of(merged);
        requireUniqueName(d.name(), id);
        rule.save(d, by, clock.instant());
        return saved(rule);
    }

    @Transactional
    public void delete(UUID id, String ifMatch, String by) {
        AlertRule rule = lockForSave(id, ifMatch);
        rule.delete(by, clock.instant());
        saved(rule);
    }

    /** One page of the rules not deleted, in {@code sort}'s order. */
    @Transactional
    public Page<AlertRuleView> list(PageRequest page, Sort sort, Boolean enabled, String q) {
        NativeKeysetQuery<AlertRule> query = new NativeKeysetQuery<>("alert_rule", AlertRule.class)
                .where("not deleted", Map.of());
        if (enabled != null) {
            query.where("enabled = :enabled", Map.of("enabled", enabled));
        }
        if (q != null && !q.isBlank()) {
            query.where("lower(name) like :q", Map.of("q", "%" + q.toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"));
        }
        Keyset<AlertRule> keys = Keyset.of(sort, List.of(POSITION, NAME, UPDATED_AT), List.of(ID));
        return query.page(em, keys, page, false).map(AlertRule::view);
    }

    /** Every saved version of the rule, newest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<AlertRuleView> versions(UUID id, PageRequest page) {
        find(id);
        long total = ((Number) em.createNativeQuery("select count(*) from alert_rule_version where rule_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        List<String> rows = em.createNativeQuery("""
                select cast(rule as text) from alert_rule_version where rule_id = ?1
                order by version desc limit ?2 offset ?3""")
                .setParameter(1, id).setParameter(2, page.size()).setParameter(3, page.offset()).getResultList();
        List<AlertRuleView> items = new ArrayList<>(rows.size());
        for (String row : rows) {
            try {
                items.add(json.readValue(row, AlertRuleView.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("alert_rule_version of " + id + " is not an AlertRuleView", e);
            }
        }
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** The rules that may classify: not deleted and enabled. */
    @Transactional
    List<AlertRule> active() {
        return em.createQuery("from AlertRule where deleted = false and enabled = true", AlertRule.class)
                .getResultList();
    }

    private AlertRule find(UUID id) {
        AlertRule rule = em.find(AlertRule.class, id);
        if (rule == null) {
            throw new NotFoundException("Alert rule", id);
        }
        return rule;
    }

    private AlertRule lockForSave(UUID id, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "If-Match is required: send the ETag of the rule as last read, so no one's save is overwritten");
        }
        AlertRule rule = em.find(AlertRule.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (rule == null || rule.deleted()) {
            throw new NotFoundException("Alert rule", id);
        }
        ETags.requireMatch(ifMatch, rule.version());
        return rule;
    }

    private void requireUniqueName(String name, UUID self) {
        List<?> clash = em.createNativeQuery(
                "select cast(id as text) from alert_rule where lower(name) = lower(?1) and not deleted and id <> ?2")
                .setParameter(1, name).setParameter(2, self == null ? new UUID(0, 0) : self).getResultList();
        if (!clash.isEmpty()) {
            throw new ConflictException("duplicate-key", "Duplicate", "An alert rule named '" + name + "' exists",
                    Map.of("field", "name", "value", name, "existingId", clash.get(0)));
        }
    }

    /** Keeps the version as saved and bumps the rules' revision, in the save's transaction. */
    private AlertRuleView saved(AlertRule rule) {
        em.flush();
        AlertRuleView view = rule.view();
        String copy;
        try {
            copy = json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert rule cannot be serialized", e);
        }
        em.createNativeQuery("""
                insert into alert_rule_version (rule_id, version, rule, saved_at, saved_by)
                values (?1, ?2, cast(?3 as jsonb), ?4, ?5)""")
                .setParameter(1, rule.id()).setParameter(2, rule.version()).setParameter(3, copy)
                .setParameter(4, view.updatedAt()).setParameter(5, view.updatedBy()).executeUpdate();
        em.createNativeQuery("update alert_rule_revision set revision = revision + 1 where id = 1").executeUpdate();
        return view;
    }
}
