package io.gamgee.compiler.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.gamgee.compiler.graph.Decision;
import io.gamgee.compiler.graph.Fork;
import io.gamgee.compiler.graph.Join;
import io.gamgee.compiler.graph.Step;
import io.gamgee.compiler.graph.Wait;
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

    /** What the step before a wait returns; only the wait's {@code await} method makes one. */
    ClassName await(Wait wait) {
        return base.nestedClass(wait.awaitType());
    }

    /** The type of a wait's field, holding its {@code await} method. */
    ClassName wait(Wait wait) {
        return base.nestedClass(wait.waitType());
    }

    /** The user's type of what an instance keeps while it waits, in the diagram's package. */
    ClassName kept(Wait wait) {
        return ClassName.get(packageName, wait.keptType());
    }

    /** The nested class of the workflow's event factories. */
    ClassName events() {
        return base.nestedClass("Events");
    }

    /** The payload of the step {@code target} names, or {@code null} for {@link WorkflowGraph#END}. */
    ClassName payloadOf(String target) {
        return WorkflowGraph.END.equals(target) ? null : payload(graph.step(target).orElseThrow());
    }

    ClassName decision(Decision decision) {
        return base.nestedClass(decision.decisionType());
    }

    ClassName branches(Decision decision) {
        return base.nestedClass(decision.branchesType());
    }

    /**
     * The next step's payload, the next decision's result type, the next fork's start type, the
     * next wait's await type, the step's result type when it leads to a join, or {@code void} at
     * the end.
     */
    TypeName returnType(Step step) {
        return next(step.next(), result(step));
    }

    /** What a wait's timeout method returns: the payload of the timer's step, or {@code void} at the end. */
    TypeName timeoutReturnType(Wait wait) {
        return next(wait.timer().orElseThrow().target(), null);
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
        if (graph.waitState(state).isPresent()) {
            return await(graph.waitState(state).get());
        }
        return payload(graph.step(state).orElseThrow());
    }
}
