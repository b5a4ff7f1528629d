package io.gamgee.core;

import io.gamgee.core.store.WorkflowInstance;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.util.function.Supplier;

/**
 * Starts the span of one step execution, named {@code <WorkflowType>.<step>}, as a child of the
 * context stored with the instance (the submitter's, or the previous step's).
 */
final class StepSpans {

    /** The instrumentation scope of every Gamgee span. */
    static final String SCOPE = "io.gamgee";
    static final AttributeKey<String> WORKFLOW_TYPE = AttributeKey.stringKey("gamgee.workflow.type");
    static final AttributeKey<String> INSTANCE_ID = AttributeKey.stringKey("gamgee.workflow.instance_id");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("gamgee.step");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("gamgee.attempt");
    /** On a branch's steps: the workflow instance that forked the branch. */
    static final AttributeKey<String> PARENT_ID = AttributeKey.stringKey("gamgee.workflow.parent_id");

    private final Supplier<OpenTelemetry> openTelemetry;

    StepSpans(Supplier<OpenTelemetry> openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    Span start(WorkflowInstance instance, int attempt) {
        // resolved per span: an application may install its global OpenTelemetry after workers exist
        var builder = openTelemetry.get().getTracer(SCOPE)
                .spanBuilder(instance.workflowType() + "." + instance.step())
                .setParent(TraceContexts.decode(instance.traceContext()))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(WORKFLOW_TYPE, instance.workflowType())
                .setAttribute(INSTANCE_ID, instance.instanceId())
                .setAttribute(STEP, instance.step())
                .setAttribute(ATTEMPT, (long) attempt);
        if (instance.isBranch()) {
            builder.setAttribute(PARENT_ID, instance.parentId());
        }
        return builder.startSpan();
    }
}
