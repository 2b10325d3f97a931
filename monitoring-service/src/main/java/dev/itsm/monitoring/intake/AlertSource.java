package dev.itsm.monitoring.intake;

/** The format an alert arrived in. */
public enum AlertSource {
    /** Prometheus Alertmanager's webhook (payload version 4). */
    ALERTMANAGER,
    /** The generic intake: one {@code MonitoringEventRequest} or an array of them. */
    GENERIC,
    /** CloudEvents structured mode whose data is a {@code MonitoringEventRequest}. */
    CLOUDEVENTS
}
