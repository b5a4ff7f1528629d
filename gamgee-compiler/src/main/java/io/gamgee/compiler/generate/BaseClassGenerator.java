package io.gamgee.compiler.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gamgee.compiler.GeneratedFile;
import io.gamgee.compiler.graph.Decision;
import io.gamgee.compiler.graph.Fork;
import io.gamgee.compiler.graph.Join;
import io.gamgee.compiler.graph.Retry;
import io.gamgee.compiler.graph.Step;
import io.gamgee.compiler.graph.WorkflowGraph;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the abstract {@code <Type>Base} class of a validated graph: the static definition, one
 * abstract method per step, one branches object and one result type per decision, one start object
 * and one start type per fork, one abstract merge method per join, and a reflection-free dispatch. Diagram text reaches the source only as JavaPoet {@code $S} string
 * literals, {@code $N} names that passed validation, or escaped Javadoc.
 */
public final class BaseClassGenerator {

    static final String CORE = "io.gamgee.core";
    static final ClassName WORKFLOW_BASE = ClassName.get(CORE, "WorkflowBase");
    static final ClassName WORKFLOW_DEFINITION = ClassName.get(CORE + ".definition", "WorkflowDefinition");
    static final ClassName RETRY_POLICY = ClassName.get(CORE + ".definition", "RetryPolicy");
    static final ClassName STEP_RESULT = ClassName.get(CORE + ".definition", "StepResult");
    static final ClassName JOIN_INPUT = ClassName.get(CORE + ".definition", "JoinDefinition", "Input");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final String GENERATOR = "io.gamgee.compiler.DiagramCompiler";
    static final String INDENT = "    ";

    private final WorkflowGraph graph;
    private final Names names;
    private final String source;

    private BaseClassGenerator(WorkflowGraph graph, String packageName, String source) {
        this.graph = graph;
        this.names = new Names(graph, packageName);
        this.source = source;
    }

    /**
     * Generates the base class.
     *
     * @param source the diagram's path relative to its source root, cited in Javadoc and the definition
     */
    public static GeneratedFile generate(WorkflowGraph graph, String packageName, String source) {
        return new BaseClassGenerator(graph, packageName, source).file();
    }

    private GeneratedFile file() {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.base())
                .addJavadoc("Base class of the {@code $L} workflow, generated from $L. Extend it and implement one "
                        + "method per step$L.\n\n<p>Do not edit: the diagram is the source; this file is written again "
                        + "whenever it is compiled.\n", graph.workflowType(), Javadoc.text(source),
                        graph.joins().isEmpty() ? "" : " and one merge method per join")
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .superclass(ParameterizedTypeName.get(WORKFLOW_BASE, names.payload(graph.first())))
                .addField(definitionField());
        graph.decisions().forEach(decision -> type.addField(branchesField(decision)));
        graph.forks().forEach(fork -> type.addField(forkField(fork)));
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PROTECTED)
                .addStatement("super(DEFINITION)")
                .build());
        graph.steps().forEach(step -> type.addMethod(stepMethod(step)));
        graph.joins().forEach(join -> type.addMethod(joinMethod(join)));
        type.addMethod(dispatch());
        if (!graph.joins().isEmpty()) {
            type.addMethod(joinDispatch());
        }
        graph.decisions().forEach(decision -> {
            type.addType(decisionType(decision));
            type.addType(branchesType(decision));
        });
        graph.forks().forEach(fork -> {
            type.addType(startType(fork));
            type.addType(forkType(fork));
        });
        JavaFile file = JavaFile.builder(names.packageName(), type.build()).indent(INDENT).skipJavaLangImports(true).build();
        return new GeneratedFile(names.packageName(), names.base().simpleName(), file.toString());
    }

    static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build();
    }

    private FieldSpec definitionField() {
        CodeBlock.Builder init = CodeBlock.builder()
                .add("$T.builder($S, $S)\n", WORKFLOW_DEFINITION, graph.workflowType(), DiagramHash.of(graph))
                .indent().indent()
                .add(".source($S)\n", source)
                .add(".firstStep($S)\n", graph.firstStep());
        for (Step step : graph.steps()) {
            init.add(".step($S, $T.class, $L, $L, $L)\n", step.name(), names.payload(step), target(step.next()),
                    retryPolicy(step.retry()), step.line());
        }
        for (Decision decision : graph.decisions()) {
            CodeBlock.Builder branches = CodeBlock.builder();
            decision.branches().forEach(branch ->
                    branches.add(", $S, $L", branch.label(), target(branch.target())));
            init.add(".decision($S, $L$L)\n", decision.name(), decision.line(), branches.build());
        }
        for (Fork fork : graph.forks()) {
            CodeBlock.Builder firstSteps = CodeBlock.builder();
            fork.branches().forEach(branch -> firstSteps.add(", $S", branch.firstStep()));
            init.add(".fork($S, $S, $L$L)\n", fork.name(), fork.join(), fork.line(), firstSteps.build());
        }
        for (Join join : graph.joins()) {
            CodeBlock.Builder inputs = CodeBlock.builder();
            for (Fork.Branch branch : graph.forkOf(join).branches()) {
                Step last = graph.step(branch.lastStep()).orElseThrow();
                inputs.add(",\n$>new $T($S, $T.class)$<", JOIN_INPUT, last.name(), names.result(last));
            }
            init.add(".join($S, $L, $L$L)\n", join.name(), target(join.next()), join.line(), inputs.build());
        }
        init.add(".build()").unindent().unindent();
        return FieldSpec.builder(WORKFLOW_DEFINITION, "DEFINITION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The compiled diagram.\n")
                .initializer(init.build())
                .build();
    }

    private static CodeBlock target(String state) {
        return WorkflowGraph.END.equals(state)
                ? CodeBlock.of("$T.END", WORKFLOW_DEFINITION)
                : CodeBlock.of("$S", state);
    }

    /** {@code RetryPolicy.of(attempts, backoffMs)}, with the timeout as a third argument only when given. */
    private static CodeBlock retryPolicy(Retry retry) {
        return retry.hasTimeout()
                ? CodeBlock.of("$T.of($L, $L, $L)", RETRY_POLICY, retry.attempts(), longLiteral(retry.backoffMs()),
                        longLiteral(retry.timeoutMs()))
                : CodeBlock.of("$T.of($L, $L)", RETRY_POLICY, retry.attempts(), longLiteral(retry.backoffMs()));
    }

    private static String longLiteral(long value) {
        return value > Integer.MAX_VALUE ? value + "L" : Long.toString(value);
    }

    private FieldSpec branchesField(Decision decision) {
        ClassName branches = names.branches(decision);
        return FieldSpec.builder(branches, decision.fieldName(), Modifier.PROTECTED, Modifier.FINAL)
                .addJavadoc("Decision {@code $L} ($L): return one of its branch methods from the step before it.\n",
                        decision.name(), Javadoc.cite(source, decision.line()))
                .initializer("new $T()", branches)
                .build();
    }

    private FieldSpec forkField(Fork fork) {
        ClassName type = names.fork(fork);
        return FieldSpec.builder(type, fork.fieldName(), Modifier.PROTECTED, Modifier.FINAL)
                .addJavadoc("Fork {@code $L} ($L): return {@code $L.start(…)} from the step before it to start every "
                        + "branch.\n", fork.name(), Javadoc.cite(source, fork.line()), fork.fieldName())
                .initializer("new $T()", type)
                .build();
    }

    private MethodSpec stepMethod(Step step) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(step.methodName())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addParameter(names.payload(step), "payload")
                .addException(Exception.class)
                .returns(returnType(step));
        method.addJavadoc("Step {@code $L} ($L). ", step.name(), Javadoc.cite(source, step.line()));
        if (WorkflowGraph.END.equals(step.next())) {
            method.addJavadoc("Ends the workflow.\n");
        } else if (graph.decision(step.next()).isPresent()) {
            Decision decision = graph.decision(step.next()).get();
            method.addJavadoc("Leads to decision {@code $L}: return one of {@code $L}'s branch methods.\n",
                    decision.name(), decision.fieldName());
        } else if (graph.fork(step.next()).isPresent()) {
            Fork fork = graph.fork(step.next()).get();
            method.addJavadoc("Leads to fork {@code $L}: return {@code $L.start(…)}, which starts every branch.\n",
                    fork.name(), fork.fieldName());
        } else if (graph.join(step.next()).isPresent()) {
            Join join = graph.join(step.next()).get();
            method.addJavadoc("Ends a branch of fork {@code $L}: return the branch's result, which join {@code $L} "
                    + "merges with the other branches' results.\n", join.fork(), join.name());
        } else {
            method.addJavadoc("Leads to step {@code $L}: return its payload.\n", step.next());
        }
        if (step.retry().attempts() > 1) {
            method.addJavadoc("\n<p>Tried up to $L times, with a base backoff of $L ms.\n",
                    step.retry().attempts(), step.retry().backoffMs());
        }
        if (step.retry().hasTimeout()) {
            method.addJavadoc("\n<p>Each try may run for up to $L ms; a longer one counts as a failed attempt.\n",
                    step.retry().timeoutMs());
        }
        method.addJavadoc("\n@param payload the payload this step was given\n");
        method.addJavadoc("@throws Exception to fail this attempt; the step is retried while attempts remain\n");
        return method.build();
    }

    private TypeName returnType(Step step) {
        return names.returnType(step);
    }

    private MethodSpec joinMethod(Join join) {
        Fork fork = graph.forkOf(join);
        MethodSpec.Builder method = MethodSpec.methodBuilder(join.methodName())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addException(Exception.class)
                .returns(names.returnType(join));
        method.addJavadoc("Join {@code $L} ($L): merges the results of fork {@code $L}'s branches", join.name(),
                Javadoc.cite(source, join.line()), fork.name());
        if (WorkflowGraph.END.equals(join.next())) {
            method.addJavadoc(", then ends the workflow.\n");
        } else {
            method.addJavadoc(" into the payload of step {@code $L}.\n", join.next());
        }
        method.addJavadoc("\n<p>Runs exactly once per instance, after every branch has finished. It must be a pure "
                + "function of the results: it may run again if a worker dies before its result is stored, so side "
                + "effects belong in steps.\n\n");
        for (int i = 0; i < fork.branches().size(); i++) {
            Step last = graph.step(fork.branches().get(i).lastStep()).orElseThrow();
            method.addParameter(names.result(last), last.methodName());
            method.addJavadoc("@param $L what step {@code $L}, the last of branch $L, returned\n", last.methodName(),
                    last.name(), i + 1);
        }
        if (!WorkflowGraph.END.equals(join.next())) {
            method.addJavadoc("@return the payload of step {@code $L}\n", join.next());
        }
        method.addJavadoc("@throws Exception to fail the merge; the instance becomes unrecoverable at the join\n");
        return method.build();
    }

    private MethodSpec dispatch() {
        MethodSpec.Builder method = MethodSpec.methodBuilder("executeStep")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED, Modifier.FINAL)
                .returns(STEP_RESULT)
                .addParameter(String.class, "step")
                .addParameter(Object.class, "payload")
                .addException(Exception.class)
                .beginControlFlow("switch (step)");
        for (Step step : graph.steps()) {
            method.beginControlFlow("case $S ->", step.name());
            CodeBlock call = CodeBlock.of("$N(($T) payload)", step.methodName(), names.payload(step));
            if (WorkflowGraph.END.equals(step.next())) {
                method.addStatement("$L", call);
                method.addStatement("return $T.complete()", STEP_RESULT);
            } else if (graph.decision(step.next()).isPresent()) {
                Decision decision = graph.decision(step.next()).get();
                method.addStatement("$T decision = $L", names.decision(decision), call);
                method.beginControlFlow("if (decision == null)");
                method.addStatement("throw new $T($S)", NullPointerException.class, "step " + step.name()
                        + " returned null; return one of " + decision.fieldName() + "'s branch methods");
                method.endControlFlow();
                method.addStatement("return decision.result");
            } else if (graph.fork(step.next()).isPresent()) {
                Fork fork = graph.fork(step.next()).get();
                method.addStatement("$T fork = $L", names.start(fork), call);
                method.beginControlFlow("if (fork == null)");
                method.addStatement("throw new $T($S)", NullPointerException.class, "step " + step.name()
                        + " returned null; return " + fork.fieldName() + ".start(…)");
                method.endControlFlow();
                method.addStatement("return fork.result");
            } else {
                method.addStatement("return $T.next($S, $L)", STEP_RESULT, step.next(), call);
            }
            method.endControlFlow();
        }
        method.addStatement("default -> throw new $T($S + step)", IllegalArgumentException.class,
                graph.workflowType() + " has no step ");
        method.endControlFlow();
        return method.build();
    }

    private MethodSpec joinDispatch() {
        MethodSpec.Builder method = MethodSpec.methodBuilder("executeJoin")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED, Modifier.FINAL)
                .returns(STEP_RESULT)
                .addParameter(String.class, "join")
                .addParameter(ParameterizedTypeName.get(List.class, Object.class), "results")
                .addException(Exception.class)
                .beginControlFlow("switch (join)");
        for (Join join : graph.joins()) {
            method.beginControlFlow("case $S ->", join.name());
            CodeBlock.Builder arguments = CodeBlock.builder();
            List<Fork.Branch> branches = graph.forkOf(join).branches();
            for (int i = 0; i < branches.size(); i++) {
                Step last = graph.step(branches.get(i).lastStep()).orElseThrow();
                arguments.add(i == 0 ? "($T) results.get($L)" : ", ($T) results.get($L)", names.result(last), i);
            }
            CodeBlock call = CodeBlock.of("$N($L)", join.methodName(), arguments.build());
            if (WorkflowGraph.END.equals(join.next())) {
                method.addStatement("$L", call);
                method.addStatement("return $T.complete()", STEP_RESULT);
            } else {
                method.addStatement("return $T.next($S, $L)", STEP_RESULT, join.next(), call);
            }
            method.endControlFlow();
        }
        method.addStatement("default -> throw new $T($S + join)", IllegalArgumentException.class,
                graph.workflowType() + " has no join ");
        method.endControlFlow();
        return method.build();
    }

    private TypeSpec startType(Fork fork) {
        ClassName self = names.start(fork);
        return TypeSpec.classBuilder(self)
                .addJavadoc("The start of fork {@code $L}'s branches; only {@link $T#start}, through {@code $L}, "
                        + "makes one.\n", fork.name(), names.fork(fork), fork.fieldName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addField(STEP_RESULT, "result", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(STEP_RESULT, "result")
                        .addStatement("this.result = result")
                        .build())
                .build();
    }

    private TypeSpec forkType(Fork fork) {
        ClassName start = names.start(fork);
        MethodSpec.Builder method = MethodSpec.methodBuilder("start")
                .addModifiers(Modifier.PUBLIC)
                .returns(start)
                .addJavadoc("Starts every branch of fork {@code $L} at once, each with the payload of its first step; "
                        + "each branch step then runs on its own, and join {@code $L} merges their results.\n\n",
                        fork.name(), fork.join());
        CodeBlock.Builder payloads = CodeBlock.builder();
        for (int i = 0; i < fork.branches().size(); i++) {
            Fork.Branch branch = fork.branches().get(i);
            Step first = graph.step(branch.firstStep()).orElseThrow();
            method.addParameter(names.payload(first), first.methodName());
            method.addJavadoc("@param $L the payload of step {@code $L}, which starts branch $L ($L)\n",
                    first.methodName(), first.name(), i + 1, Javadoc.cite(source, branch.line()));
            payloads.add(", $N", first.methodName());
        }
        method.addJavadoc("@return what the step before the fork returns\n");
        method.addStatement("return new $T($T.fork($S$L))", start, STEP_RESULT, fork.name(), payloads.build());
        return TypeSpec.classBuilder(names.fork(fork))
                .addJavadoc("Fork {@code $L} ($L): its branches run in parallel and end at join {@code $L}.\n",
                        fork.name(), Javadoc.cite(source, fork.line()), fork.join())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(method.build())
                .build();
    }

    private TypeSpec decisionType(Decision decision) {
        ClassName self = names.decision(decision);
        return TypeSpec.classBuilder(self)
                .addJavadoc("The outcome of decision {@code $L}; only {@link $T}'s methods make one.\n",
                        decision.name(), names.branches(decision))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addField(STEP_RESULT, "result", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(STEP_RESULT, "result")
                        .addStatement("this.result = result")
                        .build())
                .build();
    }

    private TypeSpec branchesType(Decision decision) {
        ClassName decisionType = names.decision(decision);
        TypeSpec.Builder type = TypeSpec.classBuilder(names.branches(decision))
                .addJavadoc("The branches of decision {@code $L} ($L).\n", decision.name(),
                        Javadoc.cite(source, decision.line()))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (Decision.Branch branch : decision.branches()) {
            MethodSpec.Builder method = MethodSpec.methodBuilder(branch.label())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(decisionType);
            if (WorkflowGraph.END.equals(branch.target())) {
                method.addJavadoc("Branch {@code $L} ($L): end the workflow.\n", branch.label(),
                                Javadoc.cite(source, branch.line()))
                        .addStatement("return new $T($T.complete())", decisionType, STEP_RESULT);
            } else {
                Step target = graph.step(branch.target()).orElseThrow();
                method.addJavadoc("Branch {@code $L} ($L): continue with step {@code $L}.\n", branch.label(),
                                Javadoc.cite(source, branch.line()), target.name())
                        .addParameter(names.payload(target), "payload")
                        .addStatement("return new $T($T.next($S, payload))", decisionType, STEP_RESULT,
                                target.name());
            }
            type.addMethod(method.build());
        }
        return type.build();
    }
}
