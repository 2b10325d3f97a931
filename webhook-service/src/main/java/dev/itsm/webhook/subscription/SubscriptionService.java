package dev.itsm.webhook.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.webhook.subscription.WebhookSubscriptionChanged.Change;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Transactions on subscriptions; each change is announced as {@link WebhookSubscriptionChanged} in the same transaction. */
@ApplicationScoped
public class SubscriptionService {

    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    /** Fields a merge patch may not change, with the reason. */
    private static final Map<String, String> COMMAND_ONLY = Map.of(
            "state", "changes only through pause and resume",
            "secret", "changes only through rotate-secret",
            "id", "is read-only", "version", "is read-only (send it as If-Match)", "createdAt", "is read-only",
            "updatedAt", "is read-only", "createdBy", "is read-only", "disabledReason", "is read-only",
            "previousSecretValidUntil", "is read-only");

    static final Keyset.Column<Subscription> CREATED_AT = Keyset.Column.of("created_at", Instant.class, Subscription::createdAt);
    static final Keyset.Column<Subscription> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, Subscription::updatedAt);
    static final Keyset.Column<Subscription> ID = Keyset.Column.of("id", UUID.class, Subscription::id);

    private final SubscriptionRules rules;
    private final MergePatch mergePatch;
    private final Outbox outbox;
    private final Clock clock;
    private final EntityManager em;
    private final SecurityIdentity caller;
    private final Event<SubscriptionResumed> resumed;

    SubscriptionService(SubscriptionRules rules, MergePatch mergePatch, Outbox outbox, Clock clock, EntityManager em,
            SecurityIdentity caller, Event<SubscriptionResumed> resumed) {
        this.rules = rules;
        this.mergePatch = mergePatch;
        this.outbox = outbox;
        this.clock = clock;
        this.em = em;
        this.caller = caller;
        this.resumed = resumed;
    }

    @Transactional
    public SubscriptionView create(SubscriptionRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String secret = request.secret() == null ? Secrets.generate() : request.secret().strip();
        if (request.secret() != null) {
            String problem = Secrets.problem(secret);
            if (problem != null) {
                errors.add(new Problem.FieldError("secret", problem));
            }
        }
        SubscriptionState state = request.state() == null ? SubscriptionState.ACTIVE : request.state();
        if (state == SubscriptionState.DISABLED) {
            errors.add(new Problem.FieldError("state", "must be ACTIVE or PAUSED (DISABLED is set by the service on 410 Gone)"));
        }
        SubscriptionRules.Definition d = rules.check(request.name(), request.description(), request.targetUrl(), request.eventTypes(),
                request.subjects(), errors);
        Instant now = clock.instant();
        Subscription s = Subscription.create(UUID.randomUUID(), d.name(), d.description(), d.targetUrl(), d.eventTypes(), d.subjects(),
                state, secret, actor(), now);
        s.persistAndFlush();
        announce(s, Change.CREATED, List.of(), now);
        return SubscriptionView.of(s, now, secret);
    }

    public SubscriptionView get(UUID id) {
        return SubscriptionView.of(find(id), clock.instant());
    }

    /** One page in creation order, or of the changes feed when {@code feed} is given. */
    public Page<SubscriptionView> list(PageRequest page, ChangesFeed.Window feed, SubscriptionState state) {
        NativeKeysetQuery<Subscription> query = new NativeKeysetQuery<>("subscription", Subscription.class);
        if (state != null) {
            query.where("state = :state", Map.of("state", state));
        }
        if (feed != null) {
            query.feed(feed, UPDATED_AT.expression());
        }
        Keyset<Subscription> keys = Keyset.ascending(feed != null ? List.of(UPDATED_AT, ID) : List.of(CREATED_AT, ID));
        Instant now = clock.instant();
        return query.page(em, keys, page, feed != null).map(s -> SubscriptionView.of(s, now));
    }

    @Transactional
    public SubscriptionView patch(UUID id, JsonNode patch, String ifMatch) {
        Subscription s = find(id);
        ETags.requireMatch(ifMatch, s.version());
        SubscriptionPatch before = new SubscriptionPatch(s.name(), s.description(), s.targetUrl(), s.eventTypes(), s.subjects());
        SubscriptionPatch after = mergePatch.apply(before, patch, SubscriptionPatch.class, COMMAND_ONLY);
        SubscriptionRules.Definition d = rules.check(after.name(), after.description(), after.targetUrl(), after.eventTypes(),
                after.subjects(), List.of());
        List<String> changed = new ArrayList<>();
        changedIf(changed, "name", before.name(), d.name());
        changedIf(changed, "description", before.description(), d.description());
        changedIf(changed, "targetUrl", before.targetUrl(), d.targetUrl().toString());
        changedIf(changed, "eventTypes", before.eventTypes(), d.eventTypes());
        changedIf(changed, "subjects", before.subjects(), d.subjects());
        Instant now = clock.instant();
        if (!changed.isEmpty()) {
            s.edit(d.name(), d.description(), d.targetUrl(), d.eventTypes(), d.subjects(), now);
            s.persistAndFlush();
            announce(s, Change.UPDATED, changed, now);
        }
        return SubscriptionView.of(s, now);
    }

    @Transactional
    public SubscriptionView pause(UUID id, String ifMatch) {
        Subscription s = find(id);
        ETags.requireMatch(ifMatch, s.version());
        Instant now = clock.instant();
        s.pause(now);
        s.persistAndFlush();
        announce(s, Change.PAUSED, List.of("state"), now);
        return SubscriptionView.of(s, now);
    }

    /** Resumes a paused subscription or re-enables a disabled one. */
    @Transactional
    public SubscriptionView resume(UUID id, String ifMatch) {
        Subscription s = find(id);
        ETags.requireMatch(ifMatch, s.version());
        Instant now = clock.instant();
        boolean wasDisabled = s.state() == SubscriptionState.DISABLED;
        s.resume(now);
        s.persistAndFlush();
        announce(s, Change.RESUMED, wasDisabled ? List.of("state", "disabledReason") : List.of("state"), now);
        resumed.fire(new SubscriptionResumed(s.id())); // its queued deliveries go now, not at the next poll
        return SubscriptionView.of(s, now);
    }

    /** A new secret signs from now on; the current one also signs until the overlap ends. Answers the new secret once. */
    @Transactional
    public SubscriptionView rotateSecret(UUID id, SecretRotationRequest request, String ifMatch) {
        Duration overlap = overlap(request == null ? null : request.overlap());
        Subscription s = find(id);
        ETags.requireMatch(ifMatch, s.version());
        Instant now = clock.instant();
        String secret = Secrets.generate();
        s.rotateSecret(secret, now.plus(overlap), now);
        s.persistAndFlush();
        announce(s, Change.SECRET_ROTATED, List.of("secret", "previousSecretValidUntil"), now);
        return SubscriptionView.of(s, now, secret);
    }

    /** Deletes the subscription; its deliveries and their attempts go with it (foreign keys on delete cascade). */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        Subscription s = find(id);
        ETags.requireMatch(ifMatch, s.version());
        Instant now = clock.instant();
        announce(s, Change.DELETED, List.of(), now);
        s.delete();
    }

    private static Duration overlap(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_OVERLAP;
        }
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("overlap", "must be an ISO-8601 duration such as PT24H");
        }
        if (d.isNegative() || d.compareTo(MAX_OVERLAP) > 0) {
            throw new ValidationException("overlap", "must be between PT0S and P7D, was " + text.strip());
        }
        return d;
    }

    private void announce(Subscription s, Change change, List<String> changedFields, Instant now) {
        outbox.append(WebhookSubscriptionChanged.of(s, change, changedFields, actor(), now));
    }

    private String actor() {
        return caller.isAnonymous() || caller.getPrincipal() == null ? "anonymous" : caller.getPrincipal().getName();
    }

    private static void changedIf(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    Subscription find(UUID id) {
        Subscription s = Subscription.findById(id);
        if (s == null) {
            throw new NotFoundException("Subscription", id);
        }
        return s;
    }
}
