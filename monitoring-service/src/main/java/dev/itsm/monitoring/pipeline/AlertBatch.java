package dev.itsm.monitoring.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertState;
import dev.itsm.monitoring.MonitoringConfig;
import dev.itsm.monitoring.NewAlert;
import dev.itsm.monitoring.events.MonitoringEvent;
import dev.itsm.monitoring.intake.AlertStatus;
import dev.itsm.monitoring.intake.IntakeQueue;
import dev.itsm.monitoring.intake.NormalizedAlert;
import dev.itsm.monitoring.intake.QueuedAlert;
import dev.itsm.monitoring.replica.CiNode;
import dev.itsm.monitoring.rule.Classification;
import dev.itsm.monitoring.rule.CiRef;
import dev.itsm.monitoring.rule.RuleBook;
import dev.itsm.platform.events.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One processing transaction: takes the processing lock, claims up to a batch of intake queue entries, classifies
 * them, reads the latest alert of every dedup key in one query, applies each key's entries in arrival order, and
 * appends all events to the outbox at once. Repeats of a firing alert only count: one AlertDeduplicated per alert per
 * batch, however many repeats (a second one only when the alert resolved and fired again within the same batch).
 */
@ApplicationScoped
public class AlertBatch {

    /** The dedup_key column's width; longer keys (a template over long labels) are shortened by a hash. */
    static final int MAX_DEDUP_KEY = 1000;

    @Inject
    EntityManager em;

    @Inject
    ProcessingLock lock;

    @Inject
    IntakeQueue queue;

    @Inject
    RuleBook rules;

    @Inject
    AlertPlacement placement;

    @Inject
    CorrelationScopes scopes;

    @Inject
    Numbers numbers;

    @Inject
    Repeats repeats;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    MonitoringConfig config;

    private final Counter processed;
    private final Counter ignoredResolved;

    @Inject
    AlertBatch(MeterRegistry registry) {
        this.processed = Counter.builder("itsm.monitoring.alerts.processed")
                .description("Intake queue entries the processor applied").register(registry);
        this.ignoredResolved = Counter.builder("itsm.monitoring.alerts.resolved.ignored")
                .description("RESOLVED notices for a dedup key without a firing alert (nothing to resolve)")
                .register(registry);
    }

    /** One batch of at most {@code limit} entries; returns how many entries it took (0: the queue is empty). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int process(int limit) {
        lock.acquire();
        rules.refresh();
        List<QueuedAlert> claimed = queue.claim(limit);
        if (claimed.isEmpty()) {
            return 0;
        }
        try {
            apply(claimed);
            em.flush();
        } catch (RuntimeException e) {
            // rolled back by the interceptor; the caller learns which entries, to try them one by one
            throw new BatchFailedException(claimed.stream().map(QueuedAlert::seq).toList(), e);
        }
        processed.increment(claimed.size());
        return claimed.size();
    }

    private void apply(List<QueuedAlert> claimed) {
        Instant now = clock.instant();
        Map<String, List<Sighting>> byKey = new LinkedHashMap<>();
        for (QueuedAlert q : claimed) {
            Classification c = rules.classify(q.alert());
            byKey.computeIfAbsent(dedupKey(c, q.alert()), k -> new ArrayList<>()).add(new Sighting(q.alert(), c));
        }
        Map<String, Latest> latest = latestPerKey(byKey.keySet());
        // keys whose alert is firing and that only fire again: counted in one statement (the storm path)
        List<UUID> repeatedIds = new ArrayList<>();
        List<Integer> repeatCounts = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, List<Sighting>> e : byKey.entrySet()) {
            Latest l = latest.get(e.getKey());
            if (l != null && l.state() == AlertState.FIRING
                    && e.getValue().stream().allMatch(s -> s.alert().status() == AlertStatus.FIRING)) {
                repeatedIds.add(l.id());
                repeatCounts.add(e.getValue().size());
            } else {
                others.add(e.getKey());
            }
        }
        List<MonitoringEvent> events = new ArrayList<>(repeatedIds.size() + others.size() * 2);
        events.addAll(repeats.count(repeatedIds, repeatCounts, now));
        Map<UUID, Alert> loaded = load(others.stream().map(latest::get).filter(l -> l != null).map(Latest::id).toList());
        CorrelationScope scope = scopes.open(now);
        for (String key : others) {
            Latest l = latest.get(key);
            applyKey(key, l == null ? null : loaded.get(l.id()), byKey.get(key), scope, events);
        }
        outbox.appendAll(events);
    }

    /** One dedup key's entries in arrival order against its latest alert. */
    private void applyKey(String key, Alert latest, List<Sighting> sightings, CorrelationScope scope,
            List<MonitoringEvent> events) {
        Instant now = scope.now();
        Alert current = latest;
        int repeats = 0;
        for (Sighting s : sightings) {
            if (s.alert().status() == AlertStatus.FIRING) {
                if (current != null && current.state() == AlertState.FIRING) {
                    repeats++;
                    continue;
                }
                if (current != null && current.withinFlapWindow(now)) {
                    boolean wasActive = current.isActive();
                    events.add(current.refire(1, s.alert().startsAt(), now));
                    placement.activityChanged(current, wasActive, true, scope, events);
                } else {
                    current = raise(key, s, scope, events);
                }
            } else if (current != null && current.state() == AlertState.FIRING) {
                if (repeats > 0) {
                    events.add(current.repeated(repeats, now));
                    repeats = 0;
                }
                boolean wasActive = current.isActive();
                events.add(current.resolve(s.alert().endsAt(), now));
                placement.activityChanged(current, wasActive, true, scope, events);
            } else {
                ignoredResolved.increment();
            }
        }
        if (repeats > 0) {
            events.add(current.repeated(repeats, now));
        }
    }

    /** A new alert: AlertRaised (as placed: unrouted, suppressed or grouped), then what placing it caused. */
    private Alert raise(String key, Sighting s, CorrelationScope scope, List<MonitoringEvent> events) {
        Instant now = scope.now();
        Alert alert = Alert.raise(UUID.randomUUID(), numbers.nextAlertNumber(), route(key, s, scope), now);
        alert.persist();
        List<MonitoringEvent> placed = new ArrayList<>();
        placement.place(alert, true, scope, placed);
        events.add(alert.raised(now));
        events.addAll(placed);
        return alert;
    }

    /** The alert as its rule classified it, with the CI and services from the replica. */
    private NewAlert route(String key, Sighting s, CorrelationScope scope) {
        NormalizedAlert a = s.alert();
        Classification c = s.classification();
        CiRef ref = c.ci() == null ? CiRef.NONE : c.ci();
        Optional<CiNode> node = ref.isEmpty() ? Optional.empty() : scope.find(ref);
        UUID ciId = node.map(CiNode::id).orElse(null);
        String ciName = node.map(CiNode::name).orElse(ref.name());
        List<UUID> services;
        if (c.serviceId() != null) {
            services = List.of(c.serviceId());
        } else if (node.isPresent() && !node.get().serviceIds().isEmpty()) {
            services = node.get().serviceIds();
        } else {
            services = config.defaultServiceId().map(List::of).orElse(List.of());
        }
        return new NewAlert(key, a.fingerprint(), a.source() == null ? null : a.source().name(), a.sourceName(),
                a.name() == null ? "(unnamed)" : a.name(), a.summary(), a.description(),
                c.severity() != null ? c.severity() : a.severity(), a.labels(), a.annotations(), a.generatorUrl(),
                c.ruleId(), c.ruleVersion(), ciId, ciName, services, c.impact(), c.urgency(), a.startsAt(),
                c.autoResolve(), c.flapWindow(), c.openIncident());
    }

    /** The latest alert of each key (id and state) in one query: its FIRING alert if it has one, else the newest. */
    private Map<String, Latest> latestPerKey(Set<String> keys) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select distinct on (dedup_key) dedup_key, id, state from alert
                where dedup_key in (:keys)
                order by dedup_key, (state = 'FIRING') desc, first_seen_at desc, id desc""")
                .setParameter("keys", keys)
                .getResultList();
        Map<String, Latest> latest = new HashMap<>();
        for (Object[] row : rows) {
            latest.put((String) row[0], new Latest((UUID) row[1], AlertState.valueOf((String) row[2])));
        }
        return latest;
    }

    /** The alerts the batch changes through their entity, in one query. */
    private Map<UUID, Alert> load(List<UUID> ids) {
        Map<UUID, Alert> alerts = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("from Alert a where a.id in :ids", Alert.class).setParameter("ids", ids).getResultList()
                    .forEach(a -> alerts.put(a.id(), a));
        }
        return alerts;
    }

    /** A key's latest alert, as the batch first sees it. */
    record Latest(UUID id, AlertState state) {
    }

    /** The rule's dedup key, else the fingerprint, else the name; shortened by a hash beyond the column's width. */
    static String dedupKey(Classification c, NormalizedAlert a) {
        String key = c.dedupKey() != null && !c.dedupKey().isBlank() ? c.dedupKey()
                : a.fingerprint() != null ? a.fingerprint() : String.valueOf(a.name());
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, MAX_DEDUP_KEY - 65) + "#" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One queue entry as classified. */
    record Sighting(NormalizedAlert alert, Classification classification) {
    }
}
