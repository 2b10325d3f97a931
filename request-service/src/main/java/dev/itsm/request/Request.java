package dev.itsm.request;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.approval.ApprovalChain;
import dev.itsm.platform.approval.ApprovalDecision;
import dev.itsm.platform.approval.ApprovalLevel;
import dev.itsm.platform.approval.ApprovalStatus;
import dev.itsm.platform.approval.Decision;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.request.catalog.ComponentTerms;
import dev.itsm.request.catalog.OfferingCost;
import dev.itsm.request.catalog.OrderTerms;
import dev.itsm.request.events.RequestEvent;
import dev.itsm.request.events.RequestEvent.AccessGranted;
import dev.itsm.request.events.RequestEvent.AccessRevoked;
import dev.itsm.request.events.RequestEvent.FulfilmentTaskCompleted;
import dev.itsm.request.events.RequestEvent.FulfilmentTaskFailed;
import dev.itsm.request.events.RequestEvent.GrantFacts;
import dev.itsm.request.events.RequestEvent.LevelFacts;
import dev.itsm.request.events.RequestEvent.RequestApprovalRequested;
import dev.itsm.request.events.RequestEvent.RequestApproved;
import dev.itsm.request.events.RequestEvent.RequestInfoProvided;
import dev.itsm.request.events.RequestEvent.RequestInfoRequested;
import dev.itsm.request.events.RequestEvent.RequestItemFulfilmentStarted;
import dev.itsm.request.events.RequestEvent.RequestRejected;
import dev.itsm.request.events.RequestEvent.ServiceRequestCanceled;
import dev.itsm.request.events.RequestEvent.ServiceRequestClosed;
import dev.itsm.request.events.RequestEvent.ServiceRequestFulfilled;
import dev.itsm.request.events.RequestEvent.ServiceRequestSubmitted;
import dev.itsm.request.events.RequestEvent.TaskFacts;
import dev.itsm.request.events.RequestFacts;
import dev.itsm.request.grant.AccessGrant;
import dev.itsm.request.grant.RevokeReason;
import dev.itsm.request.task.FulfilmentTask;
import dev.itsm.request.task.TaskType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * The service request aggregate: the request, its items (one per offering component), their fulfilment
 * tasks and access grants. Every command method checks the lifecycle ({@link RequestState}, the task's
 * and the grant's), changes the request and returns the events it caused, in order. The request's
 * version is the lock of the whole aggregate: every change touches it.
 */
@Entity
@Table(name = "request")
public class Request extends PanacheEntityBase {

    @Id
    private UUID id;
    private String number;
    @Column(name = "offering_id")
    private UUID offeringId;
    @Column(name = "offering_name")
    private String offeringName;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_ids", columnDefinition = "jsonb")
    private List<UUID> serviceIds = new ArrayList<>();
    @Column(name = "organisation_id")
    private UUID organisationId;
    @Column(name = "relationship_id")
    private UUID relationshipId;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "requested_for")
    private String requestedFor;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private JsonNode answers;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private OfferingCost cost;
    @Enumerated(EnumType.STRING)
    private RequestState state;
    @Enumerated(EnumType.STRING)
    @Column(name = "approval_status")
    private ApprovalStatus approvalStatus;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "approval_levels", columnDefinition = "jsonb")
    private List<ApprovalLevel> approvalLevels = List.of();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "approval_decisions", columnDefinition = "jsonb")
    private List<ApprovalDecision> approvalDecisions = List.of();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "approvers", columnDefinition = "jsonb")
    private List<String> approvers = new ArrayList<>();
    @Column(name = "awaiting_requester")
    private boolean awaitingRequester;
    @Column(name = "pending_question")
    private String pendingQuestion;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "approved_at")
    private Instant approvedAt;
    @Column(name = "fulfilled_at")
    private Instant fulfilledAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "canceled_at")
    private Instant canceledAt;
    @Column(name = "cancel_reason")
    private String cancelReason;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;
    // the children own their request_id column; these collections only read and cascade (inserted in this order:
    // items before the tasks and grants that reference them). Lazy, fetched for up to 100 requests at once.
    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "request_id", insertable = false, updatable = false)
    @OrderBy("position")
    @BatchSize(size = 100)
    private List<RequestItem> items = new ArrayList<>();
    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "request_id", insertable = false, updatable = false)
    @OrderBy("createdAt, number")
    @BatchSize(size = 100)
    private List<FulfilmentTask> tasks = new ArrayList<>();
    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "request_id", insertable = false, updatable = false)
    @OrderBy("grantedAt, id")
    @BatchSize(size = 100)
    private List<AccessGrant> grants = new ArrayList<>();
    /** Created in this unit of work: its first version is 0, not the current one + 1 (see {@link #facts}). */
    @Transient
    private boolean created;

    protected Request() {
        // for JPA
    }

    // ------------------------------------------------------------------ creation

    /**
     * A new request (SUBMITTED) from the accepted order, one PENDING item per component; {@link #submitted}
     * then moves it on.
     */
    public static Request submit(UUID id, String number, OrderTerms terms, String requestedBy, String requestedFor,
            JsonNode answers, Instant now) {
        Request r = new Request();
        r.id = id;
        r.number = number;
        r.offeringId = terms.offeringId();
        r.offeringName = terms.offeringName();
        r.serviceIds = new ArrayList<>(terms.serviceIds());
        r.organisationId = terms.organisationId();
        r.relationshipId = terms.relationshipId();
        r.requestedBy = requestedBy;
        r.requestedFor = requestedFor;
        r.answers = answers == null || answers.isNull() ? null : answers;
        r.cost = terms.cost();
        r.state = RequestState.SUBMITTED;
        r.approvalStatus = ApprovalStatus.NOT_REQUIRED;
        r.approvalLevels = ApprovalChain.start(terms.approvalLevels(), now);
        Set<String> named = new LinkedHashSet<>();
        r.approvalLevels.forEach(l -> named.addAll(l.approvers()));
        r.approvers = new ArrayList<>(named);
        int position = 0;
        for (ComponentTerms c : terms.components()) {
            r.items.add(RequestItem.of(UUID.randomUUID(), id, position++, c.key(), c.kind(), c.description(), c.answers(),
                    c.fulfilmentGroup(), c.accessPeriod()));
        }
        r.submittedAt = now;
        r.createdAt = now;
        r.updatedAt = now;
        r.created = true;
        return r;
    }

    /**
     * The events of a new request, in order: ServiceRequestSubmitted, then level 1's RequestApprovalRequested
     * (AWAITING_APPROVAL), or — no levels — RequestApproved (automatic) and each item's fulfilment start.
     */
    public List<RequestEvent> submitted(Supplier<String> taskNumbers, Instant now) {
        List<RequestEvent> events = new ArrayList<>();
        events.add(new ServiceRequestSubmitted(facts(now)));
        if (approvalLevels.isEmpty()) {
            events.addAll(approve(true, null, taskNumbers, now));
        } else {
            approvalStatus = ApprovalStatus.PENDING;
            state = RequestState.AWAITING_APPROVAL;
            events.add(new RequestApprovalRequested(facts(now), levelFacts(approvalLevels.get(0))));
        }
        return events;
    }

    // ------------------------------------------------------------------ approvals

    /** {@code approver}'s approval of the open level (ApprovalChain's rules: 403 self-approval / not an approver). */
    public List<RequestEvent> approve(String approver, String comment, Supplier<String> taskNumbers, Instant now) {
        require(Command.APPROVE);
        ApprovalChain.Outcome outcome = ApprovalChain.decide(approvalLevels, approvalDecisions, requestedBy, approver,
                Decision.APPROVED, comment, now);
        approvalLevels = outcome.levels();
        approvalDecisions = outcome.decisions();
        touch(now);
        return switch (outcome.result()) {
            case LEVEL_PENDING, REJECTED -> List.of();
            case NEXT_LEVEL_OPENED -> List.of(new RequestApprovalRequested(facts(now), levelFacts(outcome.openedLevel().orElseThrow())));
            case APPROVED -> approve(false, approver, taskNumbers, now);
        };
    }

    public List<RequestEvent> reject(String approver, String comment, Instant now) {
        require(Command.REJECT);
        ApprovalLevel open = ApprovalChain.openLevel(approvalLevels).orElseThrow();
        ApprovalChain.Outcome outcome = ApprovalChain.decide(approvalLevels, approvalDecisions, requestedBy, approver,
                Decision.REJECTED, comment, now);
        approvalLevels = outcome.levels();
        approvalDecisions = outcome.decisions();
        approvalStatus = ApprovalStatus.REJECTED;
        state = RequestState.REJECTED;
        awaitingRequester = false;
        pendingQuestion = null;
        items.forEach(i -> i.moveTo(ItemState.CANCELED));
        touch(now);
        return List.of(new RequestRejected(facts(now), levelFacts(open), approver, comment));
    }

    /** APPROVED, and at once IN_FULFILMENT: every item gets its task. */
    private List<RequestEvent> approve(boolean automatic, String approver, Supplier<String> taskNumbers, Instant now) {
        List<RequestEvent> events = new ArrayList<>();
        approvalStatus = automatic ? ApprovalStatus.NOT_REQUIRED : ApprovalStatus.APPROVED;
        state = RequestState.APPROVED;
        approvedAt = now;
        awaitingRequester = false;
        pendingQuestion = null;
        touch(now);
        events.add(new RequestApproved(facts(now), automatic, approver));
        state = RequestState.IN_FULFILMENT;
        for (RequestItem item : items) {
            item.moveTo(ItemState.IN_FULFILMENT);
            FulfilmentTask task = FulfilmentTask.open(UUID.randomUUID(), taskNumbers.get(), id, item.id(),
                    TaskType.forKind(item.kind()), item.fulfilmentGroup(), now);
            tasks.add(task);
            events.add(new RequestItemFulfilmentStarted(facts(now), item.id(), taskFacts(task)));
        }
        if (items.isEmpty()) {
            // an offering without components has nothing to fulfil
            events.addAll(fulfilIfDone(now));
        }
        return events;
    }

    // ------------------------------------------------------------------ waiting for the requester

    public List<RequestEvent> requestInfo(String question, Instant now) {
        require(Command.REQUEST_INFO);
        awaitingRequester = true;
        pendingQuestion = question;
        touch(now);
        return List.of(new RequestInfoRequested(facts(now), question));
    }

    public List<RequestEvent> provideInfo(Instant now) {
        require(Command.PROVIDE_INFO);
        awaitingRequester = false;
        pendingQuestion = null;
        touch(now);
        return List.of(new RequestInfoProvided(facts(now)));
    }

    // ------------------------------------------------------------------ cancel, close

    /** Unfinished tasks and items end; ACTIVE grants are revoked (REQUEST_CANCELED), each with AccessRevoked. */
    public List<RequestEvent> cancel(String reason, String actor, Instant now) {
        require(Command.CANCEL);
        state = RequestState.CANCELED;
        canceledAt = now;
        cancelReason = reason;
        awaitingRequester = false;
        pendingQuestion = null;
        if (approvalStatus == ApprovalStatus.PENDING) {
            approvalStatus = ApprovalStatus.NOT_STARTED;
        }
        tasks.forEach(t -> t.cancel(actor, now));
        items.stream().filter(i -> i.state().canMoveTo(ItemState.CANCELED)).forEach(i -> i.moveTo(ItemState.CANCELED));
        touch(now);
        List<RequestEvent> events = new ArrayList<>();
        for (AccessGrant g : grants) {
            if (g.revoke(RevokeReason.REQUEST_CANCELED, actor, now)) {
                events.add(new AccessRevoked(facts(now), grantFacts(g)));
            }
        }
        events.add(new ServiceRequestCanceled(facts(now), reason));
        return events;
    }

    public List<RequestEvent> close(boolean automatic, Instant now) {
        require(Command.CLOSE);
        state = RequestState.CLOSED;
        closedAt = now;
        touch(now);
        return List.of(new ServiceRequestClosed(facts(now), automatic));
    }

    // ------------------------------------------------------------------ tasks

    public List<RequestEvent> startTask(UUID taskId, String actor, String note, Instant now) {
        task(taskId).start(actor, note, now);
        touch(now);
        return List.of();
    }

    /**
     * Completes the task and fulfils its item; an access task also creates the grant (ACTIVE until
     * {@code now} + the item's period, else {@code defaultAccessPeriod}); the last item fulfils the request.
     */
    public List<RequestEvent> completeTask(UUID taskId, String actor, String note, String trackingReference,
            Duration defaultAccessPeriod, Instant now) {
        FulfilmentTask task = task(taskId);
        task.complete(actor, note, trackingReference, now);
        RequestItem item = item(task.itemId());
        item.moveTo(ItemState.FULFILLED);
        touch(now);
        List<RequestEvent> events = new ArrayList<>();
        events.add(new FulfilmentTaskCompleted(facts(now), item.id(), taskFacts(task)));
        if (task.type() == TaskType.ACCESS_PROVISIONING) {
            Duration period = item.accessPeriod() != null ? item.accessPeriod() : defaultAccessPeriod;
            AccessGrant grant = AccessGrant.grant(UUID.randomUUID(), id, item.id(), requestedFor, item.resource(), now,
                    now.plus(period));
            grants.add(grant);
            events.add(new AccessGranted(facts(now), grantFacts(grant)));
        }
        events.addAll(fulfilIfDone(now));
        return events;
    }

    public List<RequestEvent> failTask(UUID taskId, String actor, String note, Instant now) {
        FulfilmentTask task = task(taskId);
        task.fail(actor, note, now);
        RequestItem item = item(task.itemId());
        item.moveTo(ItemState.FAILED);
        touch(now);
        return List.of(new FulfilmentTaskFailed(facts(now), item.id(), taskFacts(task), note));
    }

    /** The failed task opens again, its item is back IN_FULFILMENT (RequestItemFulfilmentStarted again). */
    public List<RequestEvent> retryTask(UUID taskId, String actor, String note, Instant now) {
        FulfilmentTask task = task(taskId);
        task.retry(actor, note, now);
        RequestItem item = item(task.itemId());
        item.moveTo(ItemState.IN_FULFILMENT);
        touch(now);
        return List.of(new RequestItemFulfilmentStarted(facts(now), item.id(), taskFacts(task)));
    }

    // ------------------------------------------------------------------ grants

    /** Revokes an ACTIVE grant; 409 when it is revoked already. */
    public List<RequestEvent> revokeGrant(UUID grantId, RevokeReason reason, String actor, Instant now) {
        AccessGrant grant = grant(grantId);
        if (!grant.revoke(reason, actor, now)) {
            throw new IllegalTransitionException("grant " + grantId, grant.state(), "revoke", grant.state().allowedCommands());
        }
        touch(now);
        return List.of(new AccessRevoked(facts(now), grantFacts(grant)));
    }

    // ------------------------------------------------------------------ reads

    /** Commands accepted now: the state's, with request-info / provide-info by whether the requester is awaited. */
    public List<String> allowedCommands() {
        Set<Command> commands = EnumSet.noneOf(Command.class);
        commands.addAll(state.commands());
        commands.remove(awaitingRequester ? Command.REQUEST_INFO : Command.PROVIDE_INFO);
        return commands.stream().map(Command::wireName).toList();
    }

    public boolean names(String subject) {
        return requestedBy.equals(subject) || requestedFor.equals(subject);
    }

    public boolean namesApprover(String subject) {
        return approvers.contains(subject);
    }

    /** The facts as of this change; {@code version} is the one this change commits (Hibernate adds one at flush). */
    public RequestFacts facts(Instant occurredAt) {
        List<RequestFacts.ItemFacts> itemFacts = items.stream().map(i -> new RequestFacts.ItemFacts(i.id(), i.componentKey(),
                i.kind(), i.description(), i.state(), i.fulfilmentGroup())).toList();
        return new RequestFacts(id, number, offeringId, offeringName, List.copyOf(serviceIds), organisationId, relationshipId,
                requestedBy, requestedFor, state, approvalStatus, awaitingRequester, itemFacts, cost, submittedAt,
                approvedAt, fulfilledAt, closedAt, created ? version : version + 1, occurredAt);
    }

    /** The values the history compares (field → text). */
    public Map<String, String> snapshot() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("state", state.name());
        s.put("approvalStatus", approvalStatus.name());
        s.put("approvalLevel", ApprovalChain.openLevel(approvalLevels).map(l -> String.valueOf(l.level())).orElse(null));
        s.put("awaitingRequester", String.valueOf(awaitingRequester));
        s.put("pendingQuestion", pendingQuestion);
        for (RequestItem i : items) {
            s.put("items." + i.componentKey(), i.state().name());
        }
        for (FulfilmentTask t : tasks) {
            s.put("tasks." + t.number(), t.state().name());
        }
        for (AccessGrant g : grants) {
            s.put("grants." + g.id(), g.state().name());
        }
        return s;
    }

    public FulfilmentTask task(UUID taskId) {
        return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Task", taskId));
    }

    public AccessGrant grant(UUID grantId) {
        return grants.stream().filter(g -> g.id().equals(grantId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Access grant", grantId));
    }

    public RequestItem item(UUID itemId) {
        return items.stream().filter(i -> i.id().equals(itemId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Request item", itemId));
    }

    // ------------------------------------------------------------------ internals

    private List<RequestEvent> fulfilIfDone(Instant now) {
        if (state != RequestState.IN_FULFILMENT || items.stream().anyMatch(i -> i.state() != ItemState.FULFILLED)) {
            return List.of();
        }
        state = RequestState.FULFILLED;
        fulfilledAt = now;
        awaitingRequester = false;
        pendingQuestion = null;
        return List.of(new ServiceRequestFulfilled(facts(now)));
    }

    private void require(Command command) {
        if (!allowedCommands().contains(command.wireName())) {
            throw new IllegalTransitionException("request", awaitingRequester ? state + " (awaiting the requester)" : state,
                    command.wireName(), allowedCommands());
        }
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    private static LevelFacts levelFacts(ApprovalLevel l) {
        return new LevelFacts(l.level(), l.name(), l.rule(), l.quorum(), l.approvers());
    }

    private static TaskFacts taskFacts(FulfilmentTask t) {
        return new TaskFacts(t.id(), t.number(), t.type(), t.assignmentGroup(), t.state(), t.completedBy(),
                t.lastNote(), t.trackingReference());
    }

    private static GrantFacts grantFacts(AccessGrant g) {
        return new GrantFacts(g.id(), g.itemId(), g.subject(), g.resource(), g.grantedAt(), g.expiresAt(), g.state(),
                g.revokedAt(), g.revokeReason(), g.revokedBy());
    }

    public UUID id() { return id; }
    public String number() { return number; }
    public UUID offeringId() { return offeringId; }
    public String offeringName() { return offeringName; }
    public List<UUID> serviceIds() { return List.copyOf(serviceIds); }
    public UUID organisationId() { return organisationId; }
    public UUID relationshipId() { return relationshipId; }
    public String requestedBy() { return requestedBy; }
    public String requestedFor() { return requestedFor; }
    public JsonNode answers() { return answers; }
    public OfferingCost cost() { return cost; }
    public RequestState state() { return state; }
    public ApprovalStatus approvalStatus() { return approvalStatus; }
    public List<ApprovalLevel> approvalLevels() { return approvalLevels; }
    public List<ApprovalDecision> approvalDecisions() { return approvalDecisions; }
    public boolean awaitingRequester() { return awaitingRequester; }
    public String pendingQuestion() { return pendingQuestion; }
    public Instant submittedAt() { return submittedAt; }
    public Instant approvedAt() { return approvedAt; }
    public Instant fulfilledAt() { return fulfilledAt; }
    public Instant closedAt() { return closedAt; }
    public Instant canceledAt() { return canceledAt; }
    public String cancelReason() { return cancelReason; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
    public List<RequestItem> items() { return List.copyOf(items); }
    public List<FulfilmentTask> tasks() { return List.copyOf(tasks); }
    public List<AccessGrant> grants() { return List.copyOf(grants); }
}
