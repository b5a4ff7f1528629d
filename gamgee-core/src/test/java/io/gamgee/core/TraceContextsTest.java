package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

class TraceContextsTest {

    @Test
    void aSpanContextSurvivesTheTextForm() {
        SpanContext original = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "v1").build());

        String text = TraceContexts.encode(Context.root().with(Span.wrap(original)));
        SpanContext restored = Span.fromContext(TraceContexts.decode(text)).getSpanContext();

        assertThat(text).startsWith("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(restored.getTraceId()).isEqualTo(original.getTraceId());
        assertThat(restored.getSpanId()).isEqualTo(original.getSpanId());
        assertThat(restored.isRemote()).isTrue();
        assertThat(restored.getTraceState().get("vendor")).isEqualTo("v1");
    }

    @Test
    void noSpanMeansNoTextAndNoParent() {
        assertThat(TraceContexts.encode(Context.root())).isNull();
        assertThat(Span.fromContext(TraceContexts.decode(null)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceContexts.decode("garbage")).getSpanContext().isValid()).isFalse();
    }
}
