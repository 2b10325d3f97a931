package dev.itsm.sla.timer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.sla.agreement.Priority;
import dev.itsm.sla.calendar.WorkingTime;

/** A timer as the API shows it, computed at the moment of the request. */
@Schema(name = "SlaTimerView")
public record TimerView(
        UUID id,
        @Schema(description = "The incident of an INCIDENT timer (= recordId); null for other record kinds") UUID incidentId,
        @Schema(description = "The incident's number of an INCIDENT timer; null for other record kinds") String incidentNumber,
        @Schema(description = "The kind of record timed") RecordKind recordKind,
        @Schema(description = "The incident's or the service request's id") UUID recordId,
        @Schema(description = "The incident's or the service request's number", example = "REQ0001042") String recordNumber,
        @Schema(description = "The incident's service; for a request, its first service") UUID serviceId,
        @Schema(description = "The offering a request ordered; null for incidents") UUID offeringId,
        UUID agreementId,
        String agreementName,
        @Schema(description = "The agreement revision the timer started under") int agreementRevision,
        Metric metric,
        @Schema(ref = Priority.SCHEMA) String priority,
        TimerState state,
        long targetSeconds,
        @Schema(description = "Business time counted so far (pauses and time spent resolved excluded)") long elapsedBusinessSeconds,
        @Schema(description = "Target minus elapsed; negative after a breach") long remainingBusinessSeconds,
        @Schema(description = "Elapsed as a percentage of the target", example = "62.5") double percent,
        @Schema(description = "When the target is reached if the clock keeps running; null while paused") Instant dueAt,
        Instant startedAt,
        Instant stoppedAt,
        Instant breachedAt,
        List<Pause> pauses,
        long version) {

    @Schema(name = "SlaTimerPause")
    public record Pause(Instant pausedAt, Instant resumedAt, @Schema(example = "ON_HOLD:AWAITING_CALLER") String reason) {
    }

    public static TimerView of(SlaTimer t, WorkingTime calendar, Instant now) {
        long elapsed = t.elapsed(calendar, now).toSeconds();
        long target = t.targetMillis() / 1000;
        double percent = target == 0 ? 0 : Math.round(elapsed * 1000.0 / target) / 10.0;
        return new TimerView(t.id(), t.incidentId(), t.incidentNumber(), t.recordKind(), t.recordId(), t.recordNumber(), t.serviceId(),
                t.offeringId(), t.agreementId(), t.agreementName(),
                t.agreementRevision(), t.metric(), t.priority(), t.state(), target, elapsed, target - elapsed, percent, t.dueAt(),
                t.startedAt(), t.stoppedAt(), t.breachedAt(),
                t.pauses().stream().map(p -> new Pause(p.pausedAt(), p.resumedAt(), p.reason())).toList(), t.version());
    }
}
