package io.gamgee.compiler.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.gamgee.compiler.graph.Decision;
import io.gamgee.compiler.graph.Fork;
import io.gamgee.compiler.graph.Join;
import io.gamgee.compiler.graph.Step;
import io.gamgee.compiler.graph.WorkflowGraph;

/** The Java types of one workflow's generated and user-written classes. */
final class Names {

    private final WorkflowGraph graph;
    private final String packageName;
    private final ClassName base;

    Names(WorkflowGraph graph, String packageName) {
        this.graph = graph;
        this.packageName = packageName;
        this.base = ClassName.get(packageName, graph.baseClassName());
    }

    String packageName() {
        return packageName;
    }

    /** The generated base class. */
    ClassName base() {
        return base;
    }

    /** The implementation the scaffold writes, named after the workflow type. */
    ClassName implementation() {
        return ClassName.get(packageName, graph.workflowType());
    }

    /** The user's payload type of a step, in the diagram's package. */
    ClassName payload(Step step) {
        return ClassName.get(packageName, step.payloadType());
    }

    /** The user's result type of a step that ends a fork's branch, in the diagram's package. */
    ClassName result(Step step) {
        return ClassName.get(packageName, step.resultType());
    }

    /** What the step before a fork returns; only the fork's {@code start} method makes one. */
    ClassName start(Fork fork) {
        return base.nestedClass(fork.startType());
    }

    /** The type of a fork's field, holding its {@code start} method. */
    ClassName fork(Fork fork) {
        return base.nestedClass(fork.forkType());
    }

    ClassName decision(Decision decision) {
        return base.nestedClass(decision.decisionType());
    }

    ClassName branches(Decision decision) {
        return base.nestedClass(decision.branchesType());
    }

    /**
     * The next step's payload, the next decision's result type, the next fork's start type, the
     * step's result type when it leads to a join, or {@code void} at the end.
     */
    TypeName returnType(Step step) {
        return next(step.next(), result(step));
    }

    /** What a join's merge method returns: the payload of the step after it, or {@code void} at the end. */
    TypeName returnType(Join join) {
        return next(join.next(), null);
    }

    private TypeName next(String state, ClassName joinResult) {
        if (WorkflowGraph.END.equals(state)) {
            return TypeName.VOID;
        }
        if (graph.decision(state).isPresent()) {
            return decision(graph.decision(state).get());
        }
        if (graph.fork(state).isPresent()) {
            return start(graph.fork(state).get());
        }
        if (graph.join(state).isPresent()) {
            return joinResult;
        }
        return payload(graph.step(state).orElseThrow());
    }
}
