package io.gamgee.compiler.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.gamgee.compiler.graph.Decision;
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

    ClassName decision(Decision decision) {
        return base.nestedClass(decision.decisionType());
    }

    ClassName branches(Decision decision) {
        return base.nestedClass(decision.branchesType());
    }

    /** The next step's payload, the next decision's result type, or {@code void} at the end. */
    TypeName returnType(Step step) {
        if (WorkflowGraph.END.equals(step.next())) {
            return TypeName.VOID;
        }
        return graph.decision(step.next())
                .<TypeName>map(this::decision)
                .orElseGet(() -> payload(graph.step(step.next()).orElseThrow()));
    }
}
