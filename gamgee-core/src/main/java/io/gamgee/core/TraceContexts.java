package io.gamgee.core;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores a trace context with an instance as W3C text: the {@code traceparent} value, then a line
 * with {@code tracestate} when there is one. W3C is used whatever propagators the application
 * configured, so every node reads what any node wrote.
 */
final class TraceContexts {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContexts() {
    }

    /** The text form of {@code context}'s span, or {@code null} when it has no valid span. */
    static String encode(Context context) {
        Map<String, String> headers = new HashMap<>();
        W3C.inject(context, headers, Map::put);
        String parent = headers.get(TRACEPARENT);
        if (parent == null) {
            return null;
        }
        String state = headers.get(TRACESTATE);
        return state == null || state.isEmpty() ? parent : parent + "\n" + state;
    }

    /** The context stored as {@code text}, or the root context when there is none. */
    static Context decode(String text) {
        if (text == null || text.isBlank()) {
            return Context.root();
        }
        Map<String, String> headers = new HashMap<>();
        int newline = text.indexOf('\n');
        headers.put(TRACEPARENT, newline < 0 ? text : text.substring(0, newline));
        if (newline >= 0) {
            headers.put(TRACESTATE, text.substring(newline + 1));
        }
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** The span stored as {@code text}, invalid when there is none. */
    static SpanContext spanContext(String text) {
        return Span.fromContext(decode(text)).getSpanContext();
    }
}
