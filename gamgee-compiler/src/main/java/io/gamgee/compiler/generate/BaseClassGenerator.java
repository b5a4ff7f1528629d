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
import io.gamgee.compiler.graph.Durations;
import io.gamgee.compiler.graph.Fork;
import io.gamgee.compiler.graph.Join;
import io.gamgee.compiler.graph.Retry;
import io.gamgee.compiler.graph.Step;
import io.gamgee.compiler.graph.Wait;
import io.gamgee.compiler.graph.WorkflowGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes the abstract {@code <Type>Base} class of a validated graph: the static definition, one
 * abstract method per step, one branches object and one result type per decision, one start object
 * and one start type per fork, one abstract merge method per join, one await object, one await type
 * and (for a timer leading to a step) one abstract timeout method per wait, one event factory per
 * event, and a reflection-free dispatch. Diagram text reaches the source only as JavaPoet {@code $S} string
 * literals, {@code $N} names that passed validation, or escaped Javadoc.
 */
public final class BaseClassGenerator {

    static final String CORE = "io.gamgee.core";
    static final ClassName WORKFLOW_BASE = ClassName.get(CORE, "WorkflowBase");
    static final ClassName WORKFLOW_DEFINITION = ClassName.get(CORE + ".definition", "WorkflowDefinition");
    static final ClassName RETRY_POLICY = ClassName.get(CORE + ".definition", "RetryPolicy");
    static final ClassName STEP_RESULT = ClassName.get(CORE + ".definition", "StepResult");
    static final ClassName JOIN_INPUT = ClassName.get(CORE + ".definition", "JoinDefinition", "Input");
    static final ClassName WAIT_DEFINITION = ClassName.get(CORE + ".definition", "WaitDefinition");
    static final ClassName WAIT_ON = WAIT_DEFINITION.nestedClass("On");
    static final ClassName WAIT_AFTER = WAIT_DEFINITION.nestedClass("After");
    static final ClassName EVENT = ClassName.get(CORE, "Event");
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
                        + "whenever it is compiled.\n", graph.workflowType(), Javadoc.text(source), alsoImplement())
                .addAnnotation(generated())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .superclass(ParameterizedTypeName.get(WORKFLOW_BASE, names.payload(graph.first())))
                .addField(definitionField());
        graph.decisions().forEach(decision -> type.addField(branchesField(decision)));
        graph.forks().forEach(fork -> type.addField(forkField(fork)));
        graph.waits().forEach(wait -> type.addField(waitField(wait)));
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PROTECTED)
                .addStatement("super(DEFINITION)")
                .build());
        graph.steps().forEach(step -> type.addMethod(stepMethod(step)));
        graph.joins().forEach(join -> type.addMethod(joinMethod(join)));
        graph.waits().stream().filter(Wait::hasTimeoutMethod).forEach(wait -> type.addMethod(timeoutMethod(wait)));
        type.addMethod(dispatch());
        if (!graph.joins().isEmpty()) {
            type.addMethod(joinDispatch());
        }
        if (graph.hasTimers()) {
            type.addMethod(timerDispatch());
        }
        Map<String, List<Wait>> events = eventsByName();
        if (!events.isEmpty()) {
            type.addType(eventsType(events));
        }
        graph.decisions().forEach(decision -> {
            type.addType(decisionType(decision));
            type.addType(branchesType(decision));
        });
        graph.forks().forEach(fork -> {
            type.addType(startType(fork));
            type.addType(forkType(fork));
        });
        graph.waits().forEach(wait -> {
            type.addType(awaitType(wait));
            type.addType(waitType(wait));
        });
        JavaFile file = JavaFile.builder(names.packageName(), type.build()).indent(INDENT).skipJavaLangImports(true).build();
        return new GeneratedFile(names.packageName(), names.base().simpleName(), file.toString());
    }

    /** What a user implements besides one method per step, for the class's Javadoc. */
    private String alsoImplement() {
        List<String> parts = new ArrayList<>();
        if (!graph.joins().isEmpty()) {
            parts.add("one merge method per join");
        }
        if (graph.waits().stream().anyMatch(Wait::hasTimeoutMethod)) {
            parts.add("one timeout method per wait whose timer leads to a step");
        }
        return parts.isEmpty() ? "" : parts.size() == 1 ? " and " + parts.get(0)
                : ", " + parts.get(0) + " and " + parts.get(1);
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
            if (step.isDelayed()) {
                init.add(".step($S, $T.class, $L, $L, $L, $L)\n", step.name(), names.payload(step),
                        target(step.next()), retryPolicy(step.retry()), step.line(), duration(step.delayMs()));
            } else {
                init.add(".step($S, $T.class, $L, $L, $L)\n", step.name(), names.payload(step), target(step.next()),
                        retryPolicy(step.retry()), step.line());
            }
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
        for (Wait wait : graph.waits()) {
            init.add(".await(new $T($S, $T.class, $L,\n$>$L, $L))$<\n", WAIT_DEFINITION, wait.name(),
                    names.kept(wait), waitEvents(wait), wait.timer()
                            .map(after -> CodeBlock.of("new $T($L, $L)", WAIT_AFTER, duration(after.delayMs()),
                                    target(after.target())))
                            .orElse(CodeBlock.of("null")), wait.line());
        }
        init.add(".build()").unindent().unindent();
        return FieldSpec.builder(WORKFLOW_DEFINITION, "DEFINITION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The compiled diagram.\n")
                .initializer(init.build())
                .build();
    }

    /** {@code List.of(new WaitDefinition.On(…), …)}, one per line. */
    private CodeBlock waitEvents(Wait wait) {
        if (wait.events().isEmpty()) {
            return CodeBlock.of("$T.of()", List.class);
        }
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class).indent();
        for (int i = 0; i < wait.events().size(); i++) {
            Wait.On on = wait.events().get(i);
            ClassName payload = names.payloadOf(on.target());
            list.add(i == 0 ? "\n" : ",\n");
            list.add("new $T($S, $L, $T.class)", WAIT_ON, on.event(), target(on.target()),
                    payload == null ? ClassName.get(Void.class) : payload);
        }
        return list.add(")").unindent().build();
    }

    /** {@code Duration.ofMillis(…L)}. */
    private static CodeBlock duration(long millis) {
        return CodeBlock.of("$T.ofMillis($LL)", Duration.class, millis);
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

    private FieldSpec waitField(Wait wait) {
        ClassName type = names.wait(wait);
        return FieldSpec.builder(type, wait.fieldName(), Modifier.PROTECTED, Modifier.FINAL)
                .addJavadoc("Wait {@code $L} ($L): return {@code $L.await(…)} from a step before it, with what the "
                        + "instance keeps while it waits; it then holds no thread until $L.\n", wait.name(),
                        Javadoc.cite(source, wait.line()), wait.fieldName(), movedOnBy(wait))
                .initializer("new $T()", type)
                .build();
    }

    /** {@code event captured, event declined or its timer (after 2d)}. */
    private static String movedOnBy(Wait wait) {
        List<String> ways = new ArrayList<>();
        wait.events().forEach(on -> ways.add("event {@code " + on.event() + "}"));
        wait.timer().ifPresent(after -> ways.add("its timer (after " + Javadoc.text(after.duration()) + ")"));
        if (ways.size() == 1) {
            return ways.get(0) + " moves it on";
        }
        return String.join(", ", ways.subList(0, ways.size() - 1)) + " or " + ways.get(ways.size() - 1)
                + " moves it on, whichever comes first";
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
        } else if (graph.waitState(step.next()).isPresent()) {
            Wait wait = graph.waitState(step.next()).get();
            method.addJavadoc("Leads to wait {@code $L}: return {@code $L.await(…)} with what the instance keeps while "
                    + "it waits.\n", wait.name(), wait.fieldName());
        } else {
            method.addJavadoc("Leads to step {@code $L}: return its payload.\n", step.next());
        }
        if (step.isDelayed()) {
            method.addJavadoc("\n<p>Step {@code $L} starts $L after this one, durably: the instance holds no thread "
                    + "meanwhile.\n", step.next(), Durations.describe(step.delayMs()));
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

    private MethodSpec timeoutMethod(Wait wait) {
        Wait.After after = wait.timer().orElseThrow();
        return MethodSpec.methodBuilder(wait.timeoutMethod())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addParameter(names.kept(wait), "kept")
                .addException(Exception.class)
                .returns(names.timeoutReturnType(wait))
                .addJavadoc("Wait {@code $L} ($L) timed out: called once its timer (after $L, $L) fired with no event "
                        + "first; builds the payload of step {@code $L} from what the instance kept.\n\n",
                        wait.name(), Javadoc.cite(source, wait.line()), Javadoc.text(after.duration()),
                        Javadoc.cite(source, after.line()), after.target())
                .addJavadoc("<p>It must be a pure function of what was kept: it may run again if a worker dies before "
                        + "its result is stored, so side effects belong in steps.\n\n")
                .addJavadoc("@param kept what the step before the wait handed to {@code $L.await}\n", wait.fieldName())
                .addJavadoc("@return the payload of step {@code $L}\n", after.target())
                .addJavadoc("@throws Exception to fail; the instance becomes unrecoverable at the wait\n")
                .build();
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
                returnOpaque(method, names.decision(decision), "decision", call, step,
                        "one of " + decision.fieldName() + "'s branch methods");
            } else if (graph.fork(step.next()).isPresent()) {
                Fork fork = graph.fork(step.next()).get();
                returnOpaque(method, names.start(fork), "fork", call, step, fork.fieldName() + ".start(…)");
            } else if (graph.waitState(step.next()).isPresent()) {
                Wait wait = graph.waitState(step.next()).get();
                returnOpaque(method, names.await(wait), "wait", call, step, wait.fieldName() + ".await(…)");
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

    private MethodSpec timerDispatch() {
        MethodSpec.Builder method = MethodSpec.methodBuilder("executeTimer")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED, Modifier.FINAL)
                .returns(STEP_RESULT)
                .addParameter(String.class, "wait")
                .addParameter(Object.class, "kept")
                .addException(Exception.class)
                .beginControlFlow("switch (wait)");
        for (Wait wait : graph.waits()) {
            if (wait.timer().isEmpty()) {
                continue;
            }
            method.beginControlFlow("case $S ->", wait.name());
            if (wait.hasTimeoutMethod()) {
                method.addStatement("return $T.next($S, $N(($T) kept))", STEP_RESULT, wait.timer().get().target(),
                        wait.timeoutMethod(), names.kept(wait));
            } else {
                method.addStatement("return $T.complete()", STEP_RESULT);
            }
            method.endControlFlow();
        }
        method.addStatement("default -> throw new $T($S + wait)", IllegalArgumentException.class,
                graph.workflowType() + " has no timed wait ");
        method.endControlFlow();
        return method.build();
    }

    /** Each event name, in order of first appearance, with the waits it moves on. */
    private Map<String, List<Wait>> eventsByName() {
        Map<String, List<Wait>> events = new LinkedHashMap<>();
        for (Wait wait : graph.waits()) {
            wait.events().forEach(on -> events.computeIfAbsent(on.event(), name -> new ArrayList<>()).add(wait));
        }
        return events;
    }

    private TypeSpec eventsType(Map<String, List<Wait>> events) {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.events())
                .addJavadoc("The events the {@code $L} workflow waits for, type-checked: send one with "
                        + "{@code client.send($L.class, instanceId, $L.Events.<event>(…))}.\n",
                        graph.workflowType(), graph.workflowType(), graph.workflowType())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        ParameterizedTypeName eventType = ParameterizedTypeName.get(EVENT, names.base());
        for (Map.Entry<String, List<Wait>> event : events.entrySet()) {
            String name = event.getKey();
            String target = event.getValue().get(0).events().stream()
                    .filter(on -> on.event().equals(name)).findFirst().orElseThrow().target();
            String waits = event.getValue().stream()
                    .map(wait -> "wait {@code " + wait.name() + "} (" + Javadoc.cite(source, lineOf(wait, name)) + ")")
                    .collect(Collectors.joining(" or "));
            MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(eventType);
            if (WorkflowGraph.END.equals(target)) {
                method.addJavadoc("Event {@code $L}: moves an instance at $L on to the end of the workflow.\n\n",
                                name, waits)
                        .addStatement("return $T.of($S, $S, null)", EVENT, graph.workflowType(), name);
            } else {
                method.addJavadoc("Event {@code $L}: moves an instance at $L on to step {@code $L}.\n\n",
                                name, waits, target)
                        .addParameter(names.payloadOf(target), "payload")
                        .addStatement("return $T.of($S, $S, $T.requireNonNull(payload, $S))", EVENT,
                                graph.workflowType(), name, Objects.class, "payload");
            }
            method.addJavadoc("<p>Sent before the instance waits, it is kept until it does. Give it the sender's id "
                    + "with {@link $T#withId} (e.g. a webhook's delivery id): the same id sent twice changes nothing "
                    + "the second time.\n\n", EVENT);
            if (!WorkflowGraph.END.equals(target)) {
                method.addJavadoc("@param payload the payload of step {@code $L}\n", target);
            }
            method.addJavadoc("@return the event, for {@code WorkflowClient.send}\n");
            type.addMethod(method.build());
        }
        return type.build();
    }

    private static int lineOf(Wait wait, String event) {
        return wait.events().stream().filter(on -> on.event().equals(event)).findFirst().orElseThrow().line();
    }

    private TypeSpec awaitType(Wait wait) {
        ClassName self = names.await(wait);
        return TypeSpec.classBuilder(self)
                .addJavadoc("What a step before wait {@code $L} returns; only {@link $T#await}, through {@code $L}, "
                        + "makes one.\n", wait.name(), names.wait(wait), wait.fieldName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addField(STEP_RESULT, "result", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(STEP_RESULT, "result")
                        .addStatement("this.result = result")
                        .build())
                .build();
    }

    private TypeSpec waitType(Wait wait) {
        TypeSpec.Builder type = TypeSpec.classBuilder(names.wait(wait))
                .addJavadoc("Wait {@code $L} ($L): ", wait.name(), Javadoc.cite(source, wait.line()))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        List<String> branches = new ArrayList<>();
        for (Wait.On on : wait.events()) {
            branches.add("event {@code " + on.event() + "} leads to " + describeTarget(on.target()));
        }
        wait.timer().ifPresent(after -> branches.add("after " + Javadoc.text(after.duration())
                + " without an event, its timer leads to " + describeTarget(after.target())));
        type.addJavadoc("$L.\n", String.join("; ", branches));
        MethodSpec.Builder await = MethodSpec.methodBuilder("await")
                .addModifiers(Modifier.PUBLIC)
                .returns(names.await(wait))
                .addParameter(names.kept(wait), "kept")
                .addJavadoc("Parks the instance at wait {@code $L}, keeping {@code kept}, until an event or its timer "
                        + "moves it on; it holds no thread, lease or connection meanwhile.\n\n", wait.name());
        if (wait.hasTimeoutMethod()) {
            await.addJavadoc("@param kept what the instance keeps while it waits, handed to {@code $L} if the timer "
                    + "fires first\n", wait.timeoutMethod());
        } else {
            await.addJavadoc("@param kept what the instance keeps while it waits\n");
        }
        await.addJavadoc("@return what the step before the wait returns\n")
                .addStatement("return new $T($T.next($S, kept))", names.await(wait), STEP_RESULT, wait.name());
        return type.addMethod(await.build()).build();
    }

    private static String describeTarget(String target) {
        return WorkflowGraph.END.equals(target) ? "the end" : "step {@code " + target + "}";
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

    /**
     * Dispatch of a step that returns an opaque result (a decision's, a fork's, a wait's): its
     * {@code StepResult}, or a named error when the step returned {@code null}.
     *
     * @param returnInstead what the step should have returned, for the error
     */
    private static void returnOpaque(MethodSpec.Builder method, TypeName type, String variable, CodeBlock call,
            Step step, String returnInstead) {
        method.addStatement("$T $N = $L", type, variable, call);
        method.beginControlFlow("if ($N == null)", variable);
        method.addStatement("throw new $T($S)", NullPointerException.class, "step " + step.name()
                + " returned null; return " + returnInstead);
        method.endControlFlow();
        method.addStatement("return $N.result", variable);
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
