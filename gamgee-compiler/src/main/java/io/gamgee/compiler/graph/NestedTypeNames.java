package io.gamgee.compiler.graph;

import io.gamgee.compiler.diagram.DiagramState;
import io.gamgee.compiler.diagram.ParsedDiagram;
import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.diagram.StateKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nested types of forks and waits are named after the state alone ({@code split} gives
 * {@code Split} and {@code SplitFork}, {@code paid} gives {@code Paid} and {@code PaidWait}), so
 * unlike a decision's they can take a name that is already in use: another nested type, a payload,
 * result or kept type, the workflow's classes, a {@code java.lang} class, or a type the generated
 * base refers to. Inside the base and its subclasses the nested type would hide that one, so each
 * such fork or wait is reported.
 */
final class NestedTypeNames {

    /** Types the generated base refers to by simple name. */
    private static final Set<String> USED_BY_GENERATED_CODE = Set.of(
            "WorkflowBase", "WorkflowDefinition", "RetryPolicy", "StepResult", "JoinDefinition", "List", "Generated");
    /** Types the generated base refers to by simple name when the diagram has waits or delays. */
    private static final Set<String> USED_FOR_WAITS = Set.of("WaitDefinition", "Duration", "Event", "Objects");
    /** The nested class of a workflow's event factories. */
    private static final String EVENTS = "Events";

    private NestedTypeNames() {
    }

    static void check(ParsedDiagram diagram, String workflowType, WaitRules waits, Reporter reporter) {
        Map<String, String> taken = new HashMap<>();
        taken.put(workflowType, "the workflow class");
        taken.put(workflowType + "Base", "the generated base class");
        if (!waits.waits().isEmpty()) {
            taken.put(EVENTS, "the nested class Events, which holds the workflow's event factories");
        }
        Set<String> used = new HashSet<>(USED_BY_GENERATED_CODE);
        if (waits.any()) {
            used.addAll(USED_FOR_WAITS);
        }
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
                    if (waits.isWait(name)) {
                        taken.putIfAbsent(stem.get() + "Payload", "the kept type of wait " + name);
                        continue;
                    }
                    String where = " of decision " + name + " (line " + state.location().line() + ")";
                    taken.putIfAbsent(stem.get() + "Decision", "the nested class" + where);
                    taken.putIfAbsent(stem.get() + "Branches", "the nested class" + where);
                }
                default -> {
                    // forks and waits are checked below, against these and each other
                }
            }
        }
        Map<String, String> ownTypes = new LinkedHashMap<>();
        for (DiagramState state : diagram.states().values()) {
            Optional<String> stem = JavaNames.typeStem(state.name().text());
            String name = state.name().text();
            boolean wait = waits.isWait(name);
            if (state.kind() != StateKind.FORK && !wait || stem.isEmpty()) {
                continue;
            }
            String kind = wait ? "wait" : "fork";
            String suffix = wait ? "Wait" : "Fork";
            for (String type : List.of(stem.get(), stem.get() + suffix)) {
                Optional<String> clash = clash(type, taken, ownTypes, used);
                if (clash.isPresent()) {
                    reporter.error(state.location(), kind + " " + name + " becomes the nested class " + type
                            + ", which clashes with " + clash.get() + ": rename the " + kind);
                    break;
                }
            }
            String where = " of " + kind + " " + name + " (line " + state.location().line() + ")";
            ownTypes.putIfAbsent(stem.get(), "the nested class" + where);
            ownTypes.putIfAbsent(stem.get() + suffix, "the nested class" + where);
        }
    }

    private static Optional<String> clash(String type, Map<String, String> taken, Map<String, String> ownTypes,
            Set<String> used) {
        if (taken.containsKey(type)) {
            return Optional.of(taken.get(type));
        }
        if (ownTypes.containsKey(type)) {
            return Optional.of(ownTypes.get(type));
        }
        if (used.contains(type)) {
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
