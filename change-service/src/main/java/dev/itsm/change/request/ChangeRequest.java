package dev.itsm.change.request;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.change.Plans;
import dev.itsm.change.VersionedEntity;
import dev.itsm.platform.approval.ApprovalChain;
import dev.itsm.platform.approval.ApprovalDecision;
import dev.itsm.platform.approval.ApprovalLevel;
import dev.itsm.platform.approval.ApprovalStatus;
import dev.itsm.platform.approval.Decision;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.change.events.ChangeEvent;
import dev.itsm.change.events.ChangeEvent.ChangeApprovalRequested;
import dev.itsm.change.events.ChangeEvent.ChangeApproved;
import dev.itsm.change.events.ChangeEvent.ChangeAssessed;
import dev.itsm.change.events.ChangeEvent.ChangeCanceled;
import dev.itsm.change.events.ChangeEvent.ChangeClosed;
import dev.itsm.change.events.ChangeEvent.ChangeImplementationStarted;
import dev.itsm.change.events.ChangeEvent.ChangeImplemented;
import dev.itsm.change.events.ChangeEvent.ChangeRejected;
import dev.itsm.change.events.ChangeEvent.ChangeRequested;
import dev.itsm.change.events.ChangeEvent.ChangeScheduled;
import dev.itsm.change.events.ChangeEvent.ChangeSubmitted;
import dev.itsm.change.events.ChangeEvent.ChangeUpdated;
import dev.itsm.change.events.ChangeFacts;
import dev.itsm.change.risk.Risk;
import dev.itsm.change.risk.RiskAssessment;
import dev.itsm.change.schedule.ChangeWindow;
import dev.itsm.change.schedule.Conflict;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/**
 * The change request aggregate. Every command checks the state machine ({@link ChangeState} and
 * {@link #allows}), changes the fields and returns the events it caused; the service appends them to
 * the outbox.
 */
@Entity
@Table(name = "change_request")
public class ChangeRequest extends VersionedEntity {

    /** How far in the past a NORMAL/STANDARD window may start when scheduled (clock skew, slow clients). */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);

    private String number;
    private String title;
    private String description;
    private String justification;
    @Enumerated(EnumType.STRING)
    private ChangeType type;
    @Column(name = "model_id")
    private UUID modelId;
    @Enumerated(EnumType.STRING)
    private ChangeState state;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_ids", columnDefinition = "jsonb")
    private List<UUID> serviceIds = List.of();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "ci_ids", columnDefinition = "jsonb")
    private List<UUID> ciIds = List.of();
    @Embedded
    private Plans plans;
    @Enumerated(EnumType.STRING)
    private Risk risk;
    @Column(name = "risk_score")
    private Integer riskScore;
    @Column(name = "impacted_service_count")
    private Integer impactedServiceCount;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "risk_answers", columnDefinition = "jsonb")
    private Map<String, Boolean> riskAnswers = Map.of();
    @Column(name = "planned_start")
    private Instant plannedStart;
    @Column(name = "planned_end")
    private Instant plannedEnd;
    @Column(name = "actual_start")
    private Instant actualStart;
    @Column(name = "actual_end")
    private Instant actualEnd;
    @Enumerated(EnumType.STRING)
    @Column(name = "close_code")
    private CloseCode closeCode;
    @Column(name = "close_notes")
    private String closeNotes;
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
    @Column(name = "override_record", columnDefinition = "jsonb")
    private OverrideRecord overrideRecord;
    @Column(name = "cancel_reason")
    private String cancelReason;
    @Column(name = "requested_by")
    private String requestedBy;

    protected ChangeRequest() {
    }

    private ChangeRequest(UUID id, Instant now) {
        super(id, now);
    }

    /** What a caller wants to create (already validated for shape). */
    public record Draft(String title, String description, String justification, ChangeType type, UUID modelId,
            List<UUID> serviceIds, List<UUID> ciIds, Plans plans, Instant plannedStart, Instant plannedEnd) {
    }

    /** The new change and its ChangeRequested event. */
    public record Created(ChangeRequest change, List<ChangeEvent> events) {
    }

    /** Opens a change request in NEW. STANDARD changes are pre-authorised by their model. */
    public static Created request(UUID id, String number, Draft d, String requester, Instant now) {
        requireWindowOrder(d.plannedStart(), d.plannedEnd());
        ChangeRequest c = new ChangeRequest(id, now);
        c.number = number;
        c.title = d.title();
        c.description = d.description();
        c.justification = d.justification();
        c.type = d.type();
        c.modelId = d.modelId();
        c.serviceIds = distinct(d.serviceIds());
        c.ciIds = distinct(d.ciIds());
        c.plans = d.plans();
        c.plannedStart = d.plannedStart();
        c.plannedEnd = d.plannedEnd();
        c.state = ChangeState.NEW;
        c.approvalStatus = d.type() == ChangeType.STANDARD ? ApprovalStatus.NOT_REQUIRED : ApprovalStatus.NOT_STARTED;
        if (d.type() == ChangeType.STANDARD) {
            c.risk = Risk.LOW; // pre-authorised: its model was assessed as low risk once
        }
        c.requestedBy = requester;
        return new Created(c, List.of(new ChangeRequested(c.facts(), c.description, now)));
    }

    // ------------------------------------------------------------------------------ commands

    /** NORMAL: NEW → ASSESS. EMERGENCY: NEW → AUTHORIZE with the emergency change authority's levels. */
    public List<ChangeEvent> submit(String actor, RiskAssessment emergencyRisk, List<LevelSpec> emergencyLevels, Instant now) {
        require(Command.SUBMIT);
        requirePlans();
        List<ChangeEvent> events = new ArrayList<>();
        if (type == ChangeType.EMERGENCY) {
            applyRisk(emergencyRisk);
            state = ChangeState.AUTHORIZE;
            List<ChangeEvent> approvals = startApprovals(emergencyLevels, now);
            events.add(new ChangeSubmitted(facts(), actor, now));
            events.addAll(approvals);
        } else {
            state = ChangeState.ASSESS;
            events.add(new ChangeSubmitted(facts(), actor, now));
        }
        touch(now);
        return events;
    }

    /** NORMAL: ASSESS → AUTHORIZE with the levels the policy gives for the assessed risk. */
    public List<ChangeEvent> assess(RiskAssessment assessment, Function<Risk, List<LevelSpec>> policy,
            String actor, Instant now) {
        require(Command.ASSESS);
        applyRisk(assessment);
        state = ChangeState.AUTHORIZE;
        List<ChangeEvent> approvals = startApprovals(policy.apply(risk), now);
        List<ChangeEvent> events = new ArrayList<>();
        events.add(new ChangeAssessed(facts(), assessment.score(), assessment.impactedServiceIds(), assessment.answers(), actor, now));
        events.addAll(approvals);
        touch(now);
        return events;
    }

    /** An approver approves the open level; may open the next level or authorise the change. */
    public List<ChangeEvent> approve(String approver, String comment, Instant now) {
        require(Command.APPROVE);
        return decide(approver, Decision.APPROVED, comment, now);
    }

    /** An approver rejects: the change is REJECTED (final). */
    public List<ChangeEvent> reject(String approver, String comment, Instant now) {
        require(Command.REJECT);
        if (comment == null || comment.isBlank()) {
            throw new ValidationException("comment", "a rejection needs a comment");
        }
        return decide(approver, Decision.REJECTED, comment, now);
    }

    /**
     * Puts the change on the schedule. {@code conflicts} come from the conflict check; when there
     * are any, the caller must ask to {@code override} with a justification, and may only do so for
     * an EMERGENCY change or as a change manager.
     */
    public List<ChangeEvent> schedule(List<Conflict> conflicts, Override override, Instant now) {
        require(Command.SCHEDULE);
        requireWindow();
        if (type != ChangeType.EMERGENCY && plannedStart.isBefore(now.minus(PAST_TOLERANCE))) {
            throw new UnprocessableException("window-in-the-past", "Planned window starts in the past",
                    "Only EMERGENCY changes may be scheduled to start immediately or in the past; plannedStart is " + plannedStart);
        }
        OverrideRecord record = checkConflicts(conflicts, override, now);
        if (record != null) {
            overrideRecord = record;
        }
        state = ChangeState.SCHEDULED;
        touch(now);
        return List.of(scheduled(false, record, now));
    }

    /** Starts implementing: SCHEDULED → IMPLEMENT. */
    public List<ChangeEvent> start(String actor, Instant now) {
        require(Command.START);
        state = ChangeState.IMPLEMENT;
        actualStart = now;
        touch(now);
        return List.of(new ChangeImplementationStarted(facts(), actualStart, actor, now));
    }

    /** Implementation done: IMPLEMENT → REVIEW. */
    public List<ChangeEvent> complete(Instant now) {
        require(Command.COMPLETE);
        state = ChangeState.REVIEW;
        actualEnd = now;
        touch(now);
        return List.of(new ChangeImplemented(facts(), actualStart, actualEnd, now));
    }

    /** Review done: REVIEW → CLOSED with a close code. */
    public List<ChangeEvent> close(CloseCode code, String notes, Instant now) {
        require(Command.CLOSE);
        if (code == null) {
            throw new ValidationException("closeCode", "must be one of SUCCESSFUL, SUCCESSFUL_WITH_ISSUES, UNSUCCESSFUL, BACKED_OUT");
        }
        state = ChangeState.CLOSED;
        closeCode = code;
        closeNotes = notes;
        touch(now);
        return List.of(new ChangeClosed(facts(), code.name(), notes, actualStart, actualEnd, now));
    }

    /** Cancels from any non-final state. */
    public List<ChangeEvent> cancel(String reason, String actor, Instant now) {
        require(Command.CANCEL);
        ChangeState previous = state;
        state = ChangeState.CANCELED;
        cancelReason = reason;
        touch(now);
        return List.of(new ChangeCanceled(facts(), previous.name(), reason, actor, now));
    }

    /** The fields a PATCH may edit, as they are now; throws 409 when the change is no longer editable. */
    public ChangeEdit editable() {
        require(Command.UPDATE);
        return new ChangeEdit(title, description, justification, plans().implementation(), plans().backout(), plans().test(),
                plannedStart, plannedEnd, serviceIds, ciIds);
    }

    /**
     * A PATCH. The content (title, texts, plans, scope) may change only in NEW: from submission on —
     * for a STANDARD change from scheduling on — it is what the risk assessment and the approvers (or
     * the change model) vouch for, so a changed content field is a 409 and nothing changes. The planned
     * window may move until implementation starts: approval authorises the work, the schedule its
     * date. Every edit that changes something is announced with ChangeUpdated (changed fields + full
     * facts); a new window of a SCHEDULED change is also re-checked ({@code conflictsOf} the new window)
     * and announced with ChangeScheduled (rescheduled), as it always was.
     */
    public List<ChangeEvent> edit(ChangeEdit e, Function<ChangeWindow, List<Conflict>> conflictsOf, String actor, Instant now) {
        require(Command.UPDATE);
        List<String> contentChanged = e.contentChangedFrom(editable());
        if (!contentChanged.isEmpty() && !allows(Command.EDIT_CONTENT)) {
            throw contentFrozen(contentChanged);
        }
        requireWindowOrder(e.plannedStart(), e.plannedEnd());
        Set<UUID> scopeBefore = scope();
        Instant startBefore = plannedStart;
        Instant endBefore = plannedEnd;
        if (!contentChanged.isEmpty()) {
            title = e.title().strip();
            description = e.description();
            justification = e.justification();
            plans = new Plans(e.implementationPlan(), e.backoutPlan(), e.testPlan());
            serviceIds = distinct(e.serviceIds());
            ciIds = distinct(e.ciIds());
        }
        plannedStart = e.plannedStart();
        plannedEnd = e.plannedEnd();
        List<String> changed = new ArrayList<>(contentChanged);
        if (!Objects.equals(startBefore, plannedStart)) {
            changed.add("plannedStart");
        }
        if (!Objects.equals(endBefore, plannedEnd)) {
            changed.add("plannedEnd");
        }
        if (changed.isEmpty()) {
            return List.of();
        }
        touch(now);
        List<ChangeEvent> events = new ArrayList<>();
        events.add(new ChangeUpdated(facts(), description, changed, now));
        boolean moved = !scopeBefore.equals(scope()) || !Objects.equals(startBefore, plannedStart)
                || !Objects.equals(endBefore, plannedEnd);
        if (state != ChangeState.SCHEDULED || !moved) {
            return events;
        }
        requireWindow();
        OverrideRecord record = checkConflicts(conflictsOf.apply(window()), Override.none(actor), now);
        if (record != null) {
            overrideRecord = record;
        }
        // ChangeScheduled (rescheduled) stays for the consumers that learnt a moved window from it
        events.add(scheduled(true, record, now));
        return events;
    }

    /** Who asks to override scheduling conflicts, and why. */
    public record Override(boolean requested, String actor, boolean actorIsChangeManager, String justification) {

        public static Override none(String actor) {
            return new Override(false, actor, false, null);
        }
    }

    // ------------------------------------------------------------------------------ queries

    /** The lifecycle commands this change accepts now (REST names, in lifecycle order). */
    public List<String> allowedCommands() {
        return EnumSet.allOf(Command.class).stream().filter(Command::isLifecycle).filter(this::allows).map(Command::wireName)
                .toList();
    }

    /** The state allows the command, narrowed by type (which path) and approval status (inside AUTHORIZE). */
    public boolean allows(Command command) {
        if (!state.allows(command)) {
            return false;
        }
        return switch (command) {
            case SUBMIT -> type != ChangeType.STANDARD;
            case ASSESS -> type == ChangeType.NORMAL;
            case APPROVE, REJECT -> approvalStatus == ApprovalStatus.PENDING;
            case SCHEDULE -> state == ChangeState.NEW ? type == ChangeType.STANDARD : approvalStatus == ApprovalStatus.APPROVED;
            default -> true;
        };
    }

    /** Throws the 409 naming the state and the allowed commands unless {@code command} is allowed now. */
    public void require(Command command) {
        if (!allows(command)) {
            throw new IllegalTransitionException("change " + number, state, command.wireName(), allowedCommands());
        }
    }

    public boolean hasWindow() {
        return plannedStart != null && plannedEnd != null;
    }

    public ChangeWindow window() {
        return new ChangeWindow(id(), type, plannedStart, plannedEnd, Set.copyOf(serviceIds), Set.copyOf(ciIds));
    }

    public ChangeFacts facts() {
        return new ChangeFacts(id().toString(), number, title, type.name(), state.name(), risk == null ? null : risk.name(),
                approvalStatus.name(), modelId, serviceIds, ciIds, plannedStart, plannedEnd, requestedBy);
    }

    // ------------------------------------------------------------------------------ internals

    private List<ChangeEvent> decide(String approver, Decision decision, String comment, Instant now) {
        ApprovalChain.Outcome outcome = ApprovalChain.decide(approvalLevels, approvalDecisions, requestedBy, approver,
                decision, comment, now);
        approvalLevels = outcome.levels();
        approvalDecisions = outcome.decisions();
        touch(now);
        return switch (outcome.result()) {
            case LEVEL_PENDING -> List.of();
            case NEXT_LEVEL_OPENED -> List.of(approvalRequested(outcome.openedLevel().orElseThrow(), now));
            case APPROVED -> {
                approvalStatus = ApprovalStatus.APPROVED;
                List<String> approvers = approvalDecisions.stream().filter(d -> d.decision() == Decision.APPROVED)
                        .map(ApprovalDecision::approver).distinct().toList();
                yield List.of(new ChangeApproved(facts(), approvalLevels.size(), approvers, now));
            }
            case REJECTED -> {
                approvalStatus = ApprovalStatus.REJECTED;
                state = ChangeState.REJECTED;
                int level = approvalDecisions.get(approvalDecisions.size() - 1).level();
                yield List.of(new ChangeRejected(facts(), level, approver, comment, now));
            }
        };
    }

    private List<ChangeEvent> startApprovals(List<LevelSpec> specs, Instant now) {
        approvalLevels = ApprovalChain.start(specs, now);
        approvalDecisions = List.of();
        if (approvalLevels.isEmpty()) {
            approvalStatus = ApprovalStatus.APPROVED;
            return List.of(new ChangeApproved(facts(), 0, List.of(), now));
        }
        approvalStatus = ApprovalStatus.PENDING;
        return List.of(approvalRequested(approvalLevels.get(0), now));
    }

    private ChangeApprovalRequested approvalRequested(ApprovalLevel level, Instant now) {
        return new ChangeApprovalRequested(facts(), level.level(), approvalLevels.size(), level.name(), level.rule().name(),
                level.required(requestedBy), level.approvers(), now);
    }

    private ConflictException contentFrozen(List<String> fields) {
        String vouchedBy = type == ChangeType.STANDARD ? "its change model pre-authorised"
                : "the risk assessment and the approvers judge";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("currentState", state.name());
        details.put("changedFields", fields);
        details.put("editableFields", ChangeEdit.WINDOW_FIELDS);
        details.put("allowedCommands", allowedCommands());
        return new ConflictException("content-frozen", "Content frozen after submission",
                number + " is in state " + state + ": its content is what " + vouchedBy + ", so only "
                        + String.join(" and ", ChangeEdit.WINDOW_FIELDS) + " may change. To change " + String.join(", ", fields)
                        + ", cancel " + number + " and request a new change with that content, which is assessed and approved afresh.",
                details);
    }

    private OverrideRecord checkConflicts(List<Conflict> conflicts, Override override, Instant now) {
        if (conflicts.isEmpty()) {
            return null;
        }
        if (override == null || !override.requested()) {
            throw new ConflictException("schedule-conflict", "Scheduling conflicts",
                    conflicts.size() + " conflict(s) prevent scheduling " + number
                            + "; an EMERGENCY change or a change manager may override them with a justification",
                    Map.of("conflicts", conflicts));
        }
        if (type != ChangeType.EMERGENCY && !override.actorIsChangeManager()) {
            throw new ProblemException(403, "override-not-allowed", "Override not allowed",
                    "Only a change manager may override conflicts of a " + type + " change", List.of(),
                    Map.of("conflicts", conflicts));
        }
        if (override.justification() == null || override.justification().isBlank()) {
            throw new ValidationException("justification", "an override of scheduling conflicts needs a justification");
        }
        return new OverrideRecord(override.actor(), type == ChangeType.EMERGENCY ? "EMERGENCY_CHANGE" : "CHANGE_MANAGER",
                override.justification(), now, List.copyOf(conflicts));
    }

    private ChangeScheduled scheduled(boolean rescheduled, OverrideRecord record, Instant now) {
        return new ChangeScheduled(facts(), rescheduled, record != null, record == null ? 0 : record.conflicts().size(),
                record == null ? null : record.justification(), record == null ? null : record.overriddenBy(), now);
    }

    private void applyRisk(RiskAssessment assessment) {
        risk = assessment.risk();
        riskScore = assessment.score();
        impactedServiceCount = assessment.impactedServiceIds().size();
        riskAnswers = assessment.answers();
    }

    private void requireWindow() {
        if (!hasWindow()) {
            throw new UnprocessableException("window-missing", "Planned window missing",
                    "Set plannedStart and plannedEnd before scheduling " + number);
        }
        requireWindowOrder(plannedStart, plannedEnd);
    }

    private Set<UUID> scope() {
        Set<UUID> scope = new HashSet<>(serviceIds);
        scope.addAll(ciIds);
        return scope;
    }

    static void requireWindowOrder(Instant start, Instant end) {
        if (start != null && end != null && !end.isAfter(start)) {
            throw new ValidationException("plannedEnd", "must be after plannedStart");
        }
    }

    /** Names every missing plan at once, so a client fixes the request in one round trip. */
    private void requirePlans() {
        List<String> missing = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (isBlank(plans().implementation())) {
            missing.add("implementationPlan");
            errors.add(new Problem.FieldError("implementationPlan", "a change needs an implementation plan before it is submitted"));
        }
        if (isBlank(plans().backout())) {
            missing.add("backoutPlan");
            errors.add(new Problem.FieldError("backoutPlan", "a change needs a backout plan before it is submitted"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "incomplete-change", "Change request incomplete",
                    number + " cannot be submitted without " + String.join(" and ", missing), errors,
                    Map.of("missingPlans", missing));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }


    // ------------------------------------------------------------------------------ read access

    public String number() { return number; }
    public String title() { return title; }
    public String description() { return description; }
    public String justification() { return justification; }
    public ChangeType type() { return type; }
    public UUID modelId() { return modelId; }
    public ChangeState state() { return state; }
    public List<UUID> serviceIds() { return serviceIds; }
    public List<UUID> ciIds() { return ciIds; }
    public Plans plans() { return Plans.orNone(plans); }
    public Risk risk() { return risk; }
    public Integer riskScore() { return riskScore; }
    public Integer impactedServiceCount() { return impactedServiceCount; }
    public Map<String, Boolean> riskAnswers() { return riskAnswers; }
    public Instant plannedStart() { return plannedStart; }
    public Instant plannedEnd() { return plannedEnd; }
    public Instant actualStart() { return actualStart; }
    public Instant actualEnd() { return actualEnd; }
    public CloseCode closeCode() { return closeCode; }
    public String closeNotes() { return closeNotes; }
    public ApprovalStatus approvalStatus() { return approvalStatus; }
    public List<ApprovalLevel> approvalLevels() { return approvalLevels; }
    public List<ApprovalDecision> approvalDecisions() { return approvalDecisions; }
    public OverrideRecord overrideRecord() { return overrideRecord; }
    public String cancelReason() { return cancelReason; }
    public String requestedBy() { return requestedBy; }
}
