package dev.itsm.sla.timer;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an SLA target measures; each metric belongs to one kind of record. */
@Schema(name = "SlaMetric")
public enum Metric {
    /** Incident opened → first acknowledged or assigned. */
    TIME_TO_RESPOND(RecordKind.INCIDENT),
    /** Incident opened → resolved (time spent resolved before a reopen does not count). */
    TIME_TO_RESOLVE(RecordKind.INCIDENT),
    /** Request submitted → fulfilled (time awaiting the requester does not count). */
    TIME_TO_FULFIL(RecordKind.REQUEST),
    /** Request submitted → approved or rejected (time awaiting the requester does not count). */
    TIME_TO_APPROVE(RecordKind.REQUEST);

    private final RecordKind recordKind;

    Metric(RecordKind recordKind) {
        this.recordKind = recordKind;
    }

    /** The kind of record this metric is measured on. */
    public RecordKind recordKind() {
        return recordKind;
    }

    /** The metrics of one kind of record, in declaration order. */
    public static List<Metric> of(RecordKind kind) {
        return Arrays.stream(values()).filter(m -> m.recordKind == kind).toList();
    }
}
