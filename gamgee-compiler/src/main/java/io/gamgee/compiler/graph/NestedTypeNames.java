package io.gamgee.compiler.graph;

import io.gamgee.compiler.diagram.DiagramState;
import io.gamgee.compiler.diagram.ParsedDiagram;
import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.diagram.StateKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fork's nested types are named after the fork alone ({@code split} gives {@code Split} and
 * {@code SplitFork}), so unlike a decision's they can take a name that is already in use: another
 * nested type, a payload or result type, the workflow's classes, a {@code java.lang} class, or a
 * type the generated base refers to. Inside the base and its subclasses the nested type would hide
 * that one, so each such fork is reported.
 */
final class NestedTypeNames {

    /** Types the generated base refers to by simple name. */
    private static final Set<String> USED_BY_GENERATED_CODE = Set.of(
            "WorkflowBase", "WorkflowDefinition", "RetryPolicy", "StepResult", "JoinDefinition", "List", "Generated");

    private NestedTypeNames() {
    }

    static void check(ParsedDiagram diagram, String workflowType, Reporter reporter) {
        Map<String, String> taken = new HashMap<>();
        taken.put(workflowType, "the workflow class");
        taken.put(workflowType + "Base", "the generated base class");
        for (DiagramState state : diagram.states().values()) {
            Optional<String> stem = JavaNames.typeStem(state.name().text());
            if (stem.isEmpty()) {
                continue;
            }
            String name = state.name().text();
            switch (state.kind()) {
                case STEP -> {
                    taken.putIfAbsent(stem.get() + "Payload", "the payload type of step " + name);
                    taken.putIfAbsent(stem.get() + "Result", "the result type of step " + name);
                }
                case CHOICE -> {
                    String where = " of decision " + name + " (line " + state.location().line() + ")";
                    taken.putIfAbsent(stem.get() + "Decision", "the nested class" + where);
                    taken.putIfAbsent(stem.get() + "Branches", "the nested class" + where);
                }
                default -> {
                    // forks are checked below, against these and each other
                }
            }
        }
        Map<String, String> forkTypes = new LinkedHashMap<>();
        for (DiagramState state : diagram.states().values()) {
            Optional<String> stem = JavaNames.typeStem(state.name().text());
            if (state.kind() != StateKind.FORK || stem.isEmpty()) {
                continue;
            }
            String name = state.name().text();
            for (String type : List.of(stem.get(), stem.get() + "Fork")) {
                Optional<String> clash = clash(type, taken, forkTypes);
                if (clash.isPresent()) {
                    reporter.error(state.location(), "fork " + name + " becomes the nested class " + type
                            + ", which clashes with " + clash.get() + ": rename the fork");
                    break;
                }
            }
            String where = " of fork " + name + " (line " + state.location().line() + ")";
            forkTypes.putIfAbsent(stem.get(), "the nested class" + where);
            forkTypes.putIfAbsent(stem.get() + "Fork", "the nested class" + where);
        }
    }

    private static Optional<String> clash(String type, Map<String, String> taken, Map<String, String> forkTypes) {
        if (taken.containsKey(type)) {
            return Optional.of(taken.get(type));
        }
        if (forkTypes.containsKey(type)) {
            return Optional.of(forkTypes.get(type));
        }
        if (USED_BY_GENERATED_CODE.contains(type)) {
            return Optional.of("the type " + type + " the generated base uses");
        }
        if (isJavaLang(type)) {
            return Optional.of("java.lang." + type);
        }
        return Optional.empty();
    }

    private static boolean isJavaLang(String type) {
        try {
            Class.forName("java.lang." + type, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError notThere) {
            return false;
        }
    }
}
