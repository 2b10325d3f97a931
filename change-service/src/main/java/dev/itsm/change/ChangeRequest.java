package dev.itsm.change;

import static dev.itsm.change.ChangeLifecycle.APPROVE;
import static dev.itsm.change.ChangeLifecycle.ASSESS;
import static dev.itsm.change.ChangeLifecycle.CANCEL;
import static dev.itsm.change.ChangeLifecycle.CLOSE;
import static dev.itsm.change.ChangeLifecycle.COMPLETE;
import static dev.itsm.change.ChangeLifecycle.REJECT;
import static dev.itsm.change.ChangeLifecycle.SCHEDULE;
import static dev.itsm.change.ChangeLifecycle.START;
import static dev.itsm.change.ChangeLifecycle.SUBMIT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.itsm.change.approval.ApprovalChain;
import dev.itsm.change.approval.ApprovalDecision;
import dev.itsm.change.approval.ApprovalLevel;
import dev.itsm.change.approval.Decision;
import dev.itsm.change.approval.LevelSpec;
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
import dev.itsm.change.events.ChangeFacts;
import dev.itsm.change.risk.RiskAssessment;
import dev.itsm.change.schedule.ChangeWindow;
import dev.itsm.change.schedule.Conflict;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The change request aggregate. Every command checks the state machine ({@link ChangeLifecycle}),
 * changes the fields and returns the events it caused; the service appends them to the outbox.
 */
@Entity
@Table(name = "change_request")
public class ChangeRequest extends PanacheEntityBase {

    /** How far in the past a NORMAL/STANDARD window may start when scheduled (clock skew, slow clients). */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);

    @Id
    public UUID id;
    public String number;
    public String title;
    public String description;
    public String justification;
    @Enumerated(EnumType.STRING)
    public ChangeType type;
    @Column(name = "model_id")
    public UUID modelId;
    @Enumerated(EnumType.STRING)
    public ChangeState state;
    @Convert(converter = JsonColumns.UuidList.class)
    @Column(name = "service_ids")
    public List<UUID> serviceIds = List.of();
    @Convert(converter = JsonColumns.UuidList.class)
    @Column(name = "ci_ids")
    public List<UUID> ciIds = List.of();
    @Column(name = "implementation_plan")
    public String implementationPlan;
    @Column(name = "backout_plan")
    public String backoutPlan;
    @Column(name = "test_plan")
    public String testPlan;
    @Enumerated(EnumType.STRING)
    public Risk risk;
    @Column(name = "risk_score")
    public Integer riskScore;
    @Column(name = "impacted_service_count")
    public Integer impactedServiceCount;
    @Convert(converter = JsonColumns.Answers.class)
    @Column(name = "risk_answers")
    public Map<String, Boolean> riskAnswers = Map.of();
    @Column(name = "planned_start")
    public Instant plannedStart;
    @Column(name = "planned_end")
    public Instant plannedEnd;
    @Column(name = "actual_start")
    public Instant actualStart;
    @Column(name = "actual_end")
    public Instant actualEnd;
    @Enumerated(EnumType.STRING)
    @Column(name = "close_code")
    public CloseCode closeCode;
    @Column(name = "close_notes")
    public String closeNotes;
    @Enumerated(EnumType.STRING)
    @Column(name = "approval_status")
    public ApprovalStatus approvalStatus;
    @Convert(converter = JsonColumns.Levels.class)
    @Column(name = "approval_levels")
    public List<ApprovalLevel> approvalLevels = List.of();
    @Convert(converter = JsonColumns.Decisions.class)
    @Column(name = "approval_decisions")
    public List<ApprovalDecision> approvalDecisions = List.of();
    @Convert(converter = JsonColumns.OverrideDoc.class)
    @Column(name = "override_record")
    public OverrideRecord overrideRecord;
    @Column(name = "cancel_reason")
    public String cancelReason;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** What a caller wants to create (already validated for shape). */
    public record Draft(String title, String description, String justification, ChangeType type, UUID modelId,
            List<UUID> serviceIds, List<UUID> ciIds, String implementationPlan, String backoutPlan, String testPlan,
            Instant plannedStart, Instant plannedEnd) {
    }

    /** The new change and its ChangeRequested event. */
    public record Created(ChangeRequest change, List<ChangeEvent> events) {
    }

    /** Opens a change request in NEW. STANDARD changes are pre-authorised by their model. */
    public static Created request(UUID id, String number, Draft d, String requester, Instant now) {
        requireWindowOrder(d.plannedStart(), d.plannedEnd());
        ChangeRequest c = new ChangeRequest();
        c.id = id;
        c.number = number;
        c.title = d.title();
        c.description = d.description();
        c.justification = d.justification();
        c.type = d.type();
        c.modelId = d.modelId();
        c.serviceIds = distinct(d.serviceIds());
        c.ciIds = distinct(d.ciIds());
        c.implementationPlan = d.implementationPlan();
        c.backoutPlan = d.backoutPlan();
        c.testPlan = d.testPlan();
        c.plannedStart = d.plannedStart();
        c.plannedEnd = d.plannedEnd();
        c.state = ChangeState.NEW;
        c.approvalStatus = d.type() == ChangeType.STANDARD ? ApprovalStatus.NOT_REQUIRED : ApprovalStatus.NOT_STARTED;
        if (d.type() == ChangeType.STANDARD) {
            c.risk = Risk.LOW; // pre-authorised: its model was assessed as low risk once
        }
        c.requestedBy = requester;
        c.createdAt = now;
        c.updatedAt = now;
        return new Created(c, List.of(new ChangeRequested(c.facts(), c.description, now)));
    }

    // ------------------------------------------------------------------------------ commands

    /** NORMAL: NEW → ASSESS. EMERGENCY: NEW → AUTHORIZE with the emergency change authority's levels. */
    public List<ChangeEvent> submit(String actor, RiskAssessment emergencyRisk, List<LevelSpec> emergencyLevels, Instant now) {
        require(SUBMIT);
        requireText("implementationPlan", implementationPlan, "a change needs an implementation plan before it is submitted");
        requireText("backoutPlan", backoutPlan, "a change needs a backout plan before it is submitted");
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
    public List<ChangeEvent> assess(RiskAssessment assessment, java.util.function.Function<Risk, List<LevelSpec>> policy,
            String actor, Instant now) {
        require(ASSESS);
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
        require(APPROVE);
        return decide(approver, Decision.APPROVED, comment, now);
    }

    /** An approver rejects: the change is REJECTED (final). */
    public List<ChangeEvent> reject(String approver, String comment, Instant now) {
        require(REJECT);
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
        require(SCHEDULE);
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
        require(START);
        state = ChangeState.IMPLEMENT;
        actualStart = now;
        touch(now);
        return List.of(new ChangeImplementationStarted(facts(), actualStart, actor, now));
    }

    /** Implementation done: IMPLEMENT → REVIEW. */
    public List<ChangeEvent> complete(Instant now) {
        require(COMPLETE);
        state = ChangeState.REVIEW;
        actualEnd = now;
        touch(now);
        return List.of(new ChangeImplemented(facts(), actualStart, actualEnd, now));
    }

    /** Review done: REVIEW → CLOSED with a close code. */
    public List<ChangeEvent> close(CloseCode code, String notes, Instant now) {
        require(CLOSE);
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
        require(CANCEL);
        ChangeState previous = state;
        state = ChangeState.CANCELED;
        cancelReason = reason;
        touch(now);
        return List.of(new ChangeCanceled(facts(), previous.name(), reason, actor, now));
    }

    /** A field edit (PATCH). Allowed until the change is being implemented. */
    public void requireEditable() {
        if (!ChangeLifecycle.editable(state)) {
            throw new IllegalTransitionException("change", state, "update", allowedCommands());
        }
    }

    /**
     * Applies an edited window/scope to a SCHEDULED change after the conflict re-check; emits
     * ChangeScheduled (rescheduled) so consumers learn the new window.
     */
    public List<ChangeEvent> rescheduled(List<Conflict> conflicts, Override override, Instant now) {
        requireWindow();
        OverrideRecord record = checkConflicts(conflicts, override, now);
        if (record != null) {
            overrideRecord = record;
        }
        touch(now);
        return List.of(scheduled(true, record, now));
    }

    /** Who asks to override scheduling conflicts, and why. */
    public record Override(boolean requested, String actor, boolean actorIsChangeManager, String justification) {

        public static Override none(String actor) {
            return new Override(false, actor, false, null);
        }
    }

    // ------------------------------------------------------------------------------ queries

    public List<String> allowedCommands() {
        return ChangeLifecycle.allowedCommands(type, state, approvalStatus);
    }

    public boolean hasWindow() {
        return plannedStart != null && plannedEnd != null;
    }

    public ChangeWindow window() {
        return new ChangeWindow(id, type, plannedStart, plannedEnd, Set.copyOf(serviceIds), Set.copyOf(ciIds));
    }

    public ChangeFacts facts() {
        return new ChangeFacts(id.toString(), number, title, type.name(), state.name(), risk == null ? null : risk.name(),
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

    private void require(String command) {
        List<String> allowed = allowedCommands();
        if (!allowed.contains(command)) {
            throw new IllegalTransitionException("change " + number, state, command, allowed);
        }
    }

    private void requireWindow() {
        if (!hasWindow()) {
            throw new UnprocessableException("window-missing", "Planned window missing",
                    "Set plannedStart and plannedEnd before scheduling " + number);
        }
        requireWindowOrder(plannedStart, plannedEnd);
    }

    static void requireWindowOrder(Instant start, Instant end) {
        if (start != null && end != null && !end.isAfter(start)) {
            throw new ValidationException("plannedEnd", "must be after plannedStart");
        }
    }

    private static void requireText(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            throw new UnprocessableException("incomplete-change", "Change request incomplete", field + ": " + message);
        }
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }
}
