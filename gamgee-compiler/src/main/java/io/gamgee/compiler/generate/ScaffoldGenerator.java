package io.gamgee.compiler.generate;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.gamgee.compiler.GeneratedFile;
import io.gamgee.compiler.graph.Decision;
import io.gamgee.compiler.graph.Fork;
import io.gamgee.compiler.graph.Join;
import io.gamgee.compiler.graph.Step;
import io.gamgee.compiler.graph.Wait;
import io.gamgee.compiler.graph.WorkflowGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes what a user needs to make a generated base compile: an empty payload record per step, an
 * empty result record per step that ends a fork's branch, an empty kept record per wait, and an
 * implementation whose step, merge and timeout methods throw until they are written.
 */
public final class ScaffoldGenerator {

    private ScaffoldGenerator() {
    }

    /**
     * The payload records, in step order, then the result records, in step order, then the kept
     * records, in wait order, then the implementation class.
     */
    public static List<GeneratedFile> generate(WorkflowGraph graph, String packageName, String source) {
        Names names = new Names(graph, packageName);
        List<GeneratedFile> files = new ArrayList<>();
        for (Step step : graph.steps()) {
            TypeSpec record = TypeSpec.recordBuilder(names.payload(step))
                    .addJavadoc("The payload of step {@code $L} ($L). Add the data the step needs as components.\n",
                            step.name(), Javadoc.cite(source, step.line()))
                    .addModifiers(Modifier.PUBLIC)
                    .build();
            files.add(file(packageName, record));
        }
        for (Step step : graph.steps()) {
            graph.join(step.next()).ifPresent(join -> {
                TypeSpec record = TypeSpec.recordBuilder(names.result(step))
                        .addJavadoc("The result of step {@code $L} ($L), the last of its branch, which join {@code $L} "
                                + "merges. Add what the join needs as components.\n", step.name(),
                                Javadoc.cite(source, step.line()), join.name())
                        .addModifiers(Modifier.PUBLIC)
                        .build();
                files.add(file(packageName, record));
            });
        }
        for (Wait wait : graph.waits()) {
            TypeSpec record = TypeSpec.recordBuilder(names.kept(wait))
                    .addJavadoc("What an instance keeps while it waits at wait {@code $L} ($L)$L. Add what the steps "
                            + "after it need as components.\n", wait.name(), Javadoc.cite(source, wait.line()),
                            wait.hasTimeoutMethod() ? ", handed to {@code " + wait.timeoutMethod() + "} if its timer "
                                    + "fires first" : "")
                    .addModifiers(Modifier.PUBLIC)
                    .build();
            files.add(file(packageName, record));
        }
        TypeSpec.Builder implementation = TypeSpec.classBuilder(names.implementation())
                .addJavadoc("The {@code $L} workflow of $L.\n", graph.workflowType(), Javadoc.text(source))
                .addModifiers(Modifier.PUBLIC)
                .superclass(names.base());
        for (Step step : graph.steps()) {
            implementation.addMethod(stepMethod(graph, names, step));
        }
        for (Join join : graph.joins()) {
            implementation.addMethod(joinMethod(graph, names, join));
        }
        for (Wait wait : graph.waits()) {
            if (wait.hasTimeoutMethod()) {
                implementation.addMethod(MethodSpec.methodBuilder(wait.timeoutMethod())
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(names.timeoutReturnType(wait))
                        .addParameter(names.kept(wait), "kept")
                        .addStatement("throw new $T($S)", UnsupportedOperationException.class,
                                "TODO: implement the timeout of wait " + wait.name())
                        .build());
            }
        }
        files.add(file(packageName, implementation.build()));
        return List.copyOf(files);
    }

    private static MethodSpec stepMethod(WorkflowGraph graph, Names names, Step step) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(step.methodName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(names.returnType(step))
                .addParameter(names.payload(step), "payload");
        graph.decision(step.next()).ifPresent(decision -> method.addComment("TODO: return one of $L",
                branchCalls(decision)));
        graph.waitState(step.next()).ifPresent(wait -> method.addComment("TODO: return $L.await(…)",
                wait.fieldName()));
        graph.fork(step.next()).ifPresent(fork -> method.addComment("TODO: return $L.start($L)", fork.fieldName(),
                fork.branches().stream().map(branch -> "…").collect(Collectors.joining(", "))));
        return method
                .addStatement("throw new $T($S)", UnsupportedOperationException.class,
                        "TODO: implement step " + step.name())
                .build();
    }

    private static MethodSpec joinMethod(WorkflowGraph graph, Names names, Join join) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(join.methodName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(names.returnType(join));
        for (Fork.Branch branch : graph.forkOf(join).branches()) {
            Step last = graph.step(branch.lastStep()).orElseThrow();
            method.addParameter(names.result(last), last.methodName());
        }
        return method
                .addStatement("throw new $T($S)", UnsupportedOperationException.class,
                        "TODO: implement join " + join.name())
                .build();
    }

    private static String branchCalls(Decision decision) {
        return decision.branches().stream()
                .map(branch -> decision.fieldName() + "." + branch.label()
                        + (WorkflowGraph.END.equals(branch.target()) ? "()" : "(…)"))
                .collect(Collectors.joining(", "));
    }

    private static GeneratedFile file(String packageName, TypeSpec type) {
        String content = JavaFile.builder(packageName, type).indent(BaseClassGenerator.INDENT).skipJavaLangImports(true).build().toString();
        return new GeneratedFile(packageName, type.name(), content);
    }
}
