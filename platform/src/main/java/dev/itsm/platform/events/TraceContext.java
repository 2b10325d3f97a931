package dev.itsm.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.List;

/**
 * W3C trace context across the outbox: captured when an event is appended (the span of the HTTP
 * request that caused it), written as {@code traceparent}/{@code tracestate} record headers by the
 * relay, and restored by the consumer so the trace continues into the handler.
 */
final class TraceContext {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    private TraceContext() {
    }

    /** {@code traceparent} (and {@code tracestate}) of the current span; empty without one. */
    static Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** The context carried by a record's headers (root context when it has none). */
    static Context from(Headers headers) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    }

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header h = carrier == null ? null : carrier.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };
}
