package dev.itsm.request;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.request.api.HistoryEntryView;
import dev.itsm.request.catalog.OrderTerms;
import dev.itsm.request.catalog.Ordering;
import dev.itsm.request.events.RequestEvent;
import dev.itsm.request.grant.AccessGrant;
import dev.itsm.request.grant.RevokeReason;
import dev.itsm.request.task.FulfilmentTask;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Transactions around the {@link Request} aggregate: load (with the caller's object-level check),
 * call one domain method, flush, write the history entry and append the returned events to the outbox —
 * all in one transaction. Task and grant commands go through the request, whose version locks them all.
 */
@ApplicationScoped
public class RequestService {

    /** The actor of what the service does by itself (expiry, auto-close). */
    public static final String SYSTEM = "request-service";

    private final Outbox outbox;
    private final HistoryRecorder history;
    private final Ordering ordering;
    private final RequestAccess access;
    private final RequestConfig config;
    private final Clock clock;

    RequestService(Outbox outbox, HistoryRecorder history, Ordering ordering, RequestAccess access, RequestConfig config,
            Clock clock) {
        this.outbox = outbox;
        this.history = history;
        this.ordering = ordering;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ create

    /**
     * Orders an offering: {@link Ordering#check} decides (422 otherwise); SUBMITTED, then in the same
     * transaction AWAITING_APPROVAL (level 1 open) or, with no levels, APPROVED and IN_FULFILMENT.
     */
    @Transactional
    public Request create(UUID offeringId, UUID organisationId, String requestedFor, JsonNode answers, Caller caller) {
        Instant now = clock.instant();
        String forWhom = requestedFor == null || requestedFor.isBlank() ? caller.subject() : requestedFor.strip();
        OrderTerms terms = ordering.check(offeringId, organisationId, forWhom, answers, caller.subject(),
                caller.actsOnAll(), now);
        Request request = Request.submit(UUID.randomUUID(), nextNumber("request_number_seq", "REQ"), terms,
                caller.subject(), forWhom, answers, now);
        List<RequestEvent> events = request.submitted(taskNumbers(), now);
        request.persist();
        Map<String, String> after = request.snapshot();
        Map<String, String> before = new LinkedHashMap<>();
        after.keySet().forEach(k -> before.put(k, null));
        history.recordDiff(request.id(), caller.subject(), "submit", before, after,
                caller.subject().equals(forWhom) ? null : "Ordered for " + forWhom, now);
        outbox.appendAll(events);
        return request;
    }

    // ------------------------------------------------------------------ commands

    @Transactional
    public Request approve(UUID id, String ifMatch, Caller caller, String comment) {
        Request request = access.readable(lock(id), caller);
        return apply(request, ifMatch, caller.subject(), "approve", comment,
                r -> r.approve(caller.subject(), comment, taskNumbers(), clock.instant()));
    }

    @Transactional
    public Request reject(UUID id, String ifMatch, Caller caller, String comment) {
        Request request = access.readable(lock(id), caller);
        return apply(request, ifMatch, caller.subject(), "reject", comment,
                r -> r.reject(caller.subject(), comment, clock.instant()));
    }

    @Transactional
    public Request requestInfo(UUID id, String ifMatch, Caller caller, String question) {
        Request request = access.readable(lock(id), caller);
        return apply(request, ifMatch, caller.subject(), "request-info", question,
                r -> r.requestInfo(question, clock.instant()));
    }

    /** The answer is kept in the history (it may be personal: it is not published). */
    @Transactional
    public Request provideInfo(UUID id, String ifMatch, Caller caller, String answer) {
        Request request = access.actsAsRequester(lock(id), caller);
        return apply(request, ifMatch, caller.subject(), "provide-info", answer, r -> r.provideInfo(clock.instant()));
    }

    @Transactional
    public Request cancel(UUID id, String ifMatch, Caller caller, String reason) {
        Request request = access.actsAsRequester(lock(id), caller);
        return apply(request, ifMatch, caller.subject(), "cancel", reason,
                r -> r.cancel(reason, caller.subject(), clock.instant()));
    }

    @Transactional
    public Request close(UUID id, String ifMatch, Caller caller) {
        Request request = access.actsAsRequester(lock(id), caller);
        return apply(request, ifMatch, caller.subject(), "close", null, r -> r.close(false, clock.instant()));
    }

    // ------------------------------------------------------------------ tasks (agents and admins)

    @Transactional
    public FulfilmentTask startTask(UUID taskId, Caller caller, String note) {
        return onTask(taskId, caller, "task-start", note, (r, t) -> r.startTask(t, caller.subject(), note, clock.instant()));
    }

    @Transactional
    public FulfilmentTask completeTask(UUID taskId, Caller caller, String note, String trackingReference) {
        return onTask(taskId, caller, "task-complete", note, (r, t) -> r.completeTask(t, caller.subject(), note,
                trackingReference, config.defaultAccessPeriod(), clock.instant()));
    }

    @Transactional
    public FulfilmentTask failTask(UUID taskId, Caller caller, String note) {
        if (note == null || note.isBlank()) {
            throw new ValidationException("note", "say why the task failed");
        }
        return onTask(taskId, caller, "task-fail", note, (r, t) -> r.failTask(t, caller.subject(), note, clock.instant()));
    }

    @Transactional
    public FulfilmentTask retryTask(UUID taskId, Caller caller, String note) {
        return onTask(taskId, caller, "task-retry", note, (r, t) -> r.retryTask(t, caller.subject(), note, clock.instant()));
    }

    public FulfilmentTask task(UUID taskId) {
        FulfilmentTask task = FulfilmentTask.findById(taskId);
        if (task == null) {
            throw new NotFoundException("Task", taskId);
        }
        return task;
    }

    // ------------------------------------------------------------------ grants

    /** Revokes an ACTIVE grant of the request early (agents and admins). */
    @Transactional
    public AccessGrant revokeGrant(UUID id, UUID grantId, Caller caller, String reason) {
        Request request = access.readable(lock(id), caller);
        request.grant(grantId);
        apply(request, null, caller.subject(), "revoke-grant", reason,
                r -> r.revokeGrant(grantId, RevokeReason.REVOKED_EARLY, caller.subject(), clock.instant()));
        return request.grant(grantId);
    }

    /**
     * Revokes up to {@code limit} ACTIVE grants whose expiry is at or before {@code now} (EXPIRED,
     * AccessRevoked each). The rows are taken with FOR UPDATE SKIP LOCKED, so concurrent callers (two
     * instances' schedulers) never take the same grant, and a revoked grant is no longer due: each grant
     * is revoked exactly once. Their requests are locked too, so a concurrent command waits, then sees
     * the new version. Returns how many were revoked.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int revokeDueGrants(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = Panache.getEntityManager().createNativeQuery("select id, request_id from access_grant "
                + "where state = 'ACTIVE' and expires_at <= ?1 order by expires_at, id limit ?2 for update skip locked")
                .setParameter(1, now).setParameter(2, limit).getResultList();
        Map<UUID, List<UUID>> byRequest = new LinkedHashMap<>();
        for (Object[] row : due) {
            byRequest.computeIfAbsent((UUID) row[1], k -> new ArrayList<>()).add((UUID) row[0]);
        }
        for (Map.Entry<UUID, List<UUID>> e : byRequest.entrySet()) {
            Request request = lock(e.getKey());
            apply(request, null, SYSTEM, "expire-grant", e.getValue().size() + " grant(s) reached their expiry", r -> {
                List<RequestEvent> events = new ArrayList<>();
                for (UUID grantId : e.getValue()) {
                    events.addAll(r.revokeGrant(grantId, RevokeReason.EXPIRED, SYSTEM, now));
                }
                return events;
            });
        }
        return due.size();
    }

    /**
     * Closes up to {@code limit} FULFILLED requests fulfilled at least {@code request.auto-close-after}
     * before {@code now} (ServiceRequestClosed automatic), FOR UPDATE SKIP LOCKED: each exactly once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int closeDueRequests(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> due = Panache.getEntityManager().createNativeQuery("select id from request where state = 'FULFILLED' "
                + "and fulfilled_at <= ?1 order by fulfilled_at, id limit ?2 for update skip locked", UUID.class)
                .setParameter(1, now.minus(config.autoCloseAfter())).setParameter(2, limit).getResultList();
        for (UUID id : due) {
            Request request = lock(id);
            apply(request, null, SYSTEM, "close", "Closed automatically " + config.autoCloseAfter() + " after fulfilment",
                    r -> r.close(true, now));
        }
        return due.size();
    }

    // ------------------------------------------------------------------ reads

    /** The request if the caller may read it; 404 otherwise (also when it exists). */
    public Request get(UUID id, Caller caller) {
        return access.readable(load(id), caller);
    }

    public Page<HistoryEntryView> history(UUID id, Caller caller, PageRequest page) {
        get(id, caller);
        var query = RequestHistory.find("requestId = ?1 order by id", id);
        List<HistoryEntryView> items = query.page(page.page(), page.size()).<RequestHistory>list().stream()
                .map(HistoryEntryView::of).toList();
        return new Page<>(items, page.page(), page.size(), query.count());
    }

    // ------------------------------------------------------------------ internals

    private interface TaskCommand {
        List<RequestEvent> apply(Request request, UUID taskId);
    }

    /**
     * A task command, through its request (locked first, so the task is read after any concurrent command on
     * the request committed: two completions of one task are one completion and one 409).
     */
    private FulfilmentTask onTask(UUID taskId, Caller caller, String action, String note, TaskCommand command) {
        @SuppressWarnings("unchecked")
        List<UUID> requestId = Panache.getEntityManager()
                .createNativeQuery("select request_id from fulfilment_task where id = ?1", UUID.class)
                .setParameter(1, taskId).getResultList();
        if (requestId.isEmpty()) {
            throw new NotFoundException("Task", taskId);
        }
        Request request = access.readable(lock(requestId.get(0)), caller);
        FulfilmentTask task = request.task(taskId);
        apply(request, null, caller.subject(), action, task.number() + (note == null || note.isBlank() ? "" : ": " + note),
                r -> command.apply(r, taskId));
        return task;
    }

    private Request apply(Request request, String ifMatch, String actor, String action, String detail,
            Function<Request, List<RequestEvent>> command) {
        ETags.requireMatch(ifMatch, request.version());
        Map<String, String> before = request.snapshot();
        List<RequestEvent> events = command.apply(request);
        // Flush now, so a concurrent change (version mismatch) fails this request as 409 before anything commits.
        Panache.getEntityManager().flush();
        history.recordDiff(request.id(), actor, action, before, request.snapshot(), detail, clock.instant());
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        return request;
    }

    private static Request load(UUID id) {
        Request request = Request.findById(id);
        if (request == null) {
            throw new NotFoundException("Request", id);
        }
        return request;
    }

    /**
     * Loads the request for a command with a row lock: two commands on one request (two fulfillers completing
     * two of its tasks, two approvers of an ALL level, a command and the expiry job) run one after the other
     * instead of failing on the version; If-Match still guards a client's stale read.
     */
    private static Request lock(UUID id) {
        Request request = Panache.getEntityManager().find(Request.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new NotFoundException("Request", id);
        }
        return request;
    }

    private static Supplier<String> taskNumbers() {
        return () -> nextNumber("task_number_seq", "TASK");
    }

    private static String nextNumber(String sequence, String prefix) {
        Number n = (Number) Panache.getEntityManager().createNativeQuery("select nextval('" + sequence + "')")
                .getSingleResult();
        return String.format("%s%07d", prefix, n.longValue());
    }
}
