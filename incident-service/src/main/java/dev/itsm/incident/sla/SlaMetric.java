package dev.itsm.incident.sla;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an SLA timer measures, in the sla-service's vocabulary. Documentation only: the replica keeps the metric
 * as the text the sla-service sent, so a metric added there is shown rather than rejected here.
 */
@Schema(name = "IncidentSlaMetric", description = "What the SLA timer measures")
public enum SlaMetric {
    TIME_TO_RESPOND,
    TIME_TO_RESOLVE
}
