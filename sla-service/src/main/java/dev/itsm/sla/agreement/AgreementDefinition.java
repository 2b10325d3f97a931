package dev.itsm.sla.agreement;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.platform.problem.Problem.FieldError;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.sla.timer.Metric;
import dev.itsm.sla.timer.RecordKind;
import java.util.Objects;

/**
 * An agreement as clients write it, and as each revision is stored. Pure: matching, targets and
 * pause rules are decided here.
 */
@Schema(name = "AgreementRequest", description = "An SLA, OLA or underpinning contract")
public record AgreementDefinition(
        @Schema(description = "Unique name", example = "Gold service desk SLA", required = true) String name,
        @Schema(description = "SLA (customer), OLA (internal team) or UC (supplier)", required = true) AgreementType type,
        @Schema(description = "Supplier name; required for UC", example = "Acme Hosting Ltd") String supplier,
        @Schema(description = "Which services it covers", required = true) Scope scope,
        @Schema(description = "Further conditions an incident must meet") AppliesTo appliesTo,
        @Schema(description = "Business calendar; defaults to the built-in 24x7 calendar", example = "00000000-0000-0000-0000-000000000247") UUID calendarId,
        @Schema(description = "One duration per metric and priority", required = true) List<Target> targets,
        @Schema(description = "When clocks pause; default: ON_HOLD with any hold reason") PauseConditions pauseConditions,
        @Schema(description = "Percentages of the target at which SlaWarning is emitted; default [50, 75]", example = "[50, 75]") List<Integer> warningThresholds,
        @Schema(description = "Which records it times: INCIDENT (default; metrics TIME_TO_RESPOND, TIME_TO_RESOLVE, a priority per target) "
                + "or REQUEST (service requests; metrics TIME_TO_FULFIL, TIME_TO_APPROVE, no priority). Fixed once created") RecordKind recordKind) {

    public static final UUID TWENTY_FOUR_SEVEN = UUID.fromString("00000000-0000-0000-0000-000000000247");

    @Schema(name = "AgreementScope")
    public record Scope(
            @Schema(description = "Covers every service (then serviceIds and offeringIds must be empty)") boolean allServices,
            @Schema(description = "The services covered: one or a list (a request is covered when one of its services is)") List<UUID> serviceIds,
            @Schema(description = "REQUEST agreements only: the catalogue offerings covered (a request is covered when it orders one of them)")
            List<UUID> offeringIds) {

        /** Offerings in scope; none for a definition stored before agreements could scope offerings. */
        public List<UUID> offerings() {
            return offeringIds == null ? List.of() : offeringIds;
        }
    }

    @Schema(name = "AgreementAppliesTo")
    public record AppliesTo(
            @Schema(description = "Only these priorities (empty = all)") List<Priority> priorities,
            @Schema(description = "Only these incident categories (empty = all)", example = "[\"network\"]") List<String> categories) {
    }

    @Schema(name = "AgreementTarget")
    public record Target(
            @Schema(required = true) Metric metric,
            @Schema(description = "Required for INCIDENT agreements; REQUEST agreements have none (null or absent)") Priority priority,
            @Schema(description = "ISO-8601 business duration, > 0", example = "PT4H", required = true) String duration) {

        public Duration parsed() {
            return Duration.parse(duration);
        }
    }

    @Schema(name = "AgreementPauseConditions")
    public record PauseConditions(
            @Schema(description = "Incident states in which the clocks pause", example = "[\"ON_HOLD\"]") List<PausingState> states,
            @Schema(description = "For ON_HOLD: only these hold reasons pause (empty = every reason)", example = "[\"AWAITING_CALLER\"]") List<HoldReason> holdReasons) {
    }

    /** The kind of record timed; a definition stored before record kinds existed times incidents. */
    public RecordKind kind() {
        return recordKind == null ? RecordKind.INCIDENT : recordKind;
    }

    /** Defaults filled in, lists de-duplicated. */
    public AgreementDefinition normalised() {
        RecordKind kind = kind();
        // a request pauses while it awaits the requester, whatever the agreement: no incident states by default
        PauseConditions pc = pauseConditions == null
                ? kind == RecordKind.REQUEST ? new PauseConditions(List.of(), List.of()) : new PauseConditions(List.of(PausingState.ON_HOLD), List.of())
                : new PauseConditions(distinct(pauseConditions.states()), distinct(pauseConditions.holdReasons()));
        AppliesTo at = appliesTo == null ? new AppliesTo(List.of(), List.of())
                : new AppliesTo(distinct(appliesTo.priorities()), distinct(appliesTo.categories()));
        Scope sc = scope == null ? null : new Scope(scope.allServices(), distinct(scope.serviceIds()), distinct(scope.offeringIds()));
        List<Integer> thresholds = warningThresholds == null ? List.of(50, 75) : warningThresholds;
        if (thresholds.stream().allMatch(p -> p != null && p >= 1 && p <= 99)) {
            thresholds = thresholds.stream().distinct().sorted().toList();
        } // else keep them as sent, so validation names the offending index
        return new AgreementDefinition(name == null ? null : name.trim(), type, supplier == null || supplier.isBlank() ? null : supplier.trim(),
                sc, at, calendarId == null ? TWENTY_FOUR_SEVEN : calendarId, targets, pc, thresholds, kind);
    }

    private static <T> List<T> distinct(List<T> l) {
        return l == null ? List.of() : List.copyOf(new LinkedHashSet<>(l.stream().filter(Objects::nonNull).toList()));
    }

    /** Throws a 400 naming every offending field. */
    public void validate() {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (type == null) {
            errors.add(new FieldError("type", "must be one of SLA, OLA, UC"));
        } else if (type == AgreementType.UC && supplier == null) {
            errors.add(new FieldError("supplier", "an underpinning contract (UC) must name its supplier"));
        } else if (supplier != null && supplier.length() > 200) {
            errors.add(new FieldError("supplier", "must be at most 200 characters"));
        }
        if (scope == null) {
            errors.add(new FieldError("scope", "must not be null: {\"allServices\":true} or {\"serviceIds\":[...]}"));
        } else if (scope.allServices() && !scope.serviceIds().isEmpty()) {
            errors.add(new FieldError("scope.serviceIds", "must be empty when allServices is true"));
        } else if (scope.allServices() && !scope.offerings().isEmpty()) {
            errors.add(new FieldError("scope.offeringIds", "must be empty when allServices is true"));
        } else if (!scope.allServices() && scope.serviceIds().isEmpty() && scope.offerings().isEmpty()) {
            errors.add(new FieldError("scope.serviceIds", kind() == RecordKind.REQUEST
                    ? "name at least one service or offering (scope.offeringIds), or set allServices to true"
                    : "name at least one service, or set allServices to true"));
        }
        if (appliesTo != null) {
            for (int i = 0; i < appliesTo.categories().size(); i++) {
                if (appliesTo.categories().get(i).isBlank()) {
                    errors.add(new FieldError("appliesTo.categories[" + i + "]", "must not be blank"));
                }
            }
        }
        if (targets == null || targets.isEmpty()) {
            errors.add(new FieldError("targets", "needs at least one target"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                String f = "targets[" + i + "]";
                if (t == null) {
                    errors.add(new FieldError(f, "must not be null"));
                    continue;
                }
                if (t.metric() == null) {
                    errors.add(new FieldError(f + ".metric", "must be one of " + Metric.of(kind())));
                }
                if (t.priority() == null && kind() == RecordKind.INCIDENT) {
                    errors.add(new FieldError(f + ".priority", "must be one of P1, P2, P3, P4, P5"));
                }
                if (t.duration() == null || t.duration().isBlank()) {
                    errors.add(new FieldError(f + ".duration", "must not be blank (ISO-8601, e.g. PT4H)"));
                } else {
                    try {
                        Duration d = t.parsed();
                        if (d.isZero() || d.isNegative()) {
                            errors.add(new FieldError(f + ".duration", "must be positive, was " + t.duration()));
                        } else if (d.compareTo(Duration.ofDays(3650)) > 0) {
                            errors.add(new FieldError(f + ".duration", "must be at most 3650 days"));
                        } else if (d.toMillis() % 1000 != 0) {
                            errors.add(new FieldError(f + ".duration", "must be whole seconds"));
                        }
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError(f + ".duration", "'" + t.duration() + "' is not an ISO-8601 duration (e.g. PT4H, P2D, PT30M)"));
                    }
                }
                if (t.metric() != null && t.priority() != null && !seen.add(t.metric() + "/" + t.priority())) {
                    errors.add(new FieldError(f, "a second " + t.metric() + " target for " + t.priority()));
                }
                if (t.priority() != null && appliesTo != null && !appliesTo.priorities().isEmpty()
                        && !appliesTo.priorities().contains(t.priority())) {
                    errors.add(new FieldError(f + ".priority", t.priority() + " is not among appliesTo.priorities " + appliesTo.priorities()));
                }
            }
        }
        if (pauseConditions != null && !pauseConditions.holdReasons().isEmpty()
                && !pauseConditions.states().contains(PausingState.ON_HOLD)) {
            errors.add(new FieldError("pauseConditions.holdReasons", "only apply when pauseConditions.states contains ON_HOLD"));
        }
        if (warningThresholds != null) {
            for (int i = 0; i < warningThresholds.size(); i++) {
                Integer p = warningThresholds.get(i);
                if (p == null || p < 1 || p > 99) {
                    errors.add(new FieldError("warningThresholds[" + i + "]", "must be a percentage between 1 and 99"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        validateForKind();
    }

    /**
     * Well-formed, but not what this kind of record can be timed by (422 {@code record-kind-mismatch}, each field
     * named): a REQUEST agreement has request metrics and no priorities, categories or incident pause states; an
     * INCIDENT agreement has incident metrics and scopes no offerings.
     */
    void validateForKind() {
        RecordKind kind = kind();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t.metric() != null && t.metric().recordKind() != kind) {
                errors.add(new FieldError("targets[" + i + "].metric", t.metric() + " is a " + t.metric().recordKind()
                        + " metric; a " + kind + " agreement measures " + Metric.of(kind)));
            }
            if (kind == RecordKind.REQUEST && t.priority() != null) {
                errors.add(new FieldError("targets[" + i + "].priority", "requests have no priority: leave it out of a REQUEST agreement's targets"));
            }
        }
        if (kind == RecordKind.INCIDENT && !scope.offerings().isEmpty()) {
            errors.add(new FieldError("scope.offeringIds", "only REQUEST agreements scope offerings; an incident has none"));
        }
        if (kind == RecordKind.REQUEST) {
            if (!appliesTo.priorities().isEmpty()) {
                errors.add(new FieldError("appliesTo.priorities", "requests have no priority"));
            }
            if (!appliesTo.categories().isEmpty()) {
                errors.add(new FieldError("appliesTo.categories", "requests have no category"));
            }
            if (!pauseConditions.states().isEmpty() || !pauseConditions.holdReasons().isEmpty()) {
                errors.add(new FieldError("pauseConditions", "a request's clocks pause while it awaits the requester; incident states and hold reasons do not apply"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "record-kind-mismatch", "Not valid for this record kind",
                    "The agreement's targets, scope or conditions do not fit a " + kind + " agreement", errors, Map.of("recordKind", kind.name()));
        }
    }

    /** The names of the fields whose (normalised) value differs from {@code before}, in declaration order. */
    public List<String> changedFields(AgreementDefinition before) {
        List<String> changed = new ArrayList<>();
        addIfChanged(changed, "recordKind", before.kind(), kind());
        addIfChanged(changed, "name", before.name, name);
        addIfChanged(changed, "type", before.type, type);
        addIfChanged(changed, "supplier", before.supplier, supplier);
        addIfChanged(changed, "scope", before.scope, scope);
        addIfChanged(changed, "appliesTo", before.appliesTo, appliesTo);
        addIfChanged(changed, "calendarId", before.calendarId, calendarId);
        addIfChanged(changed, "targets", before.targets, targets);
        addIfChanged(changed, "pauseConditions", before.pauseConditions, pauseConditions);
        addIfChanged(changed, "warningThresholds", before.warningThresholds, warningThresholds);
        return changed;
    }

    private static void addIfChanged(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    // ------------------------------------------------------------------ rules used by the timers

    /** Whether a request for this offering (with these services) is covered: REQUEST agreements only. */
    public boolean coversRequest(UUID offeringId, List<UUID> serviceIds) {
        if (kind() != RecordKind.REQUEST) {
            return false;
        }
        return scope.allServices() || (offeringId != null && scope.offerings().contains(offeringId))
                || serviceIds.stream().anyMatch(scope.serviceIds()::contains);
    }

    /** Whether an incident with these facts is covered: INCIDENT agreements only. */
    public boolean covers(UUID serviceId, String priority, String category) {
        if (kind() != RecordKind.INCIDENT) {
            return false;
        }
        boolean inScope = scope.allServices() || (serviceId != null && scope.serviceIds().contains(serviceId));
        boolean priorityOk = appliesTo.priorities().isEmpty()
                || appliesTo.priorities().stream().anyMatch(p -> p.name().equals(priority));
        boolean categoryOk = appliesTo.categories().isEmpty()
                || (category != null && appliesTo.categories().stream().anyMatch(c -> c.equalsIgnoreCase(category)));
        return inScope && priorityOk && categoryOk;
    }

    public Optional<Duration> target(Metric metric, String priority) {
        return targets.stream().filter(t -> t.metric() == metric
                        && (t.priority() == null ? priority == null : t.priority().name().equals(priority)))
                .map(Target::parsed).findFirst();
    }

    /** Whether the clocks pause in this incident state (with this hold reason, for ON_HOLD). */
    public boolean pausesIn(String state, String holdReason) {
        if (state == null) {
            return false;
        }
        boolean stateListed = pauseConditions.states().stream().anyMatch(s -> s.name().equals(state));
        if (!stateListed) {
            return false;
        }
        if (!"ON_HOLD".equals(state) || pauseConditions.holdReasons().isEmpty()) {
            return true;
        }
        return holdReason != null && pauseConditions.holdReasons().stream().anyMatch(r -> r.name().equals(holdReason));
    }
}
