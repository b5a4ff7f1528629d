package io.gamgee.cdi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects workflow implementations found by either extension and judges them: one bean per workflow
 * type. Works on class names only so that the portable extension (which sees {@link Class}es) and
 * the build compatible one (which sees class models at build time) share every rule and message.
 */
final class WorkflowDiscovery {

    static final String WORKFLOW_BASE = "io.gamgee.core.WorkflowBase";

    private final Map<String, Set<String>> implementationsByBase = new TreeMap<>();

    /**
     * Records a concrete bean class that extends a generated base.
     *
     * @param implementation the bean class's name
     * @param generatedBase the name of its ancestor that directly extends {@code WorkflowBase}
     */
    void implementation(String implementation, String generatedBase) {
        implementationsByBase.computeIfAbsent(generatedBase, base -> new LinkedHashSet<>()).add(implementation);
    }

    /** The implementations found so far, ordered by generated base. */
    List<String> implementations() {
        List<String> all = new ArrayList<>();
        implementationsByBase.values().forEach(all::addAll);
        return all;
    }

    /** One message per workflow type that has more than one implementation; empty when deployable. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        implementationsByBase.forEach((base, implementations) -> {
            if (implementations.size() > 1) {
                problems.add("Workflow " + workflowType(base) + " has " + implementations.size()
                        + " implementation beans: " + String.join(" and ", implementations)
                        + ". Workers need exactly one bean per workflow type: remove the others,"
                        + " or annotate them @Vetoed or as a disabled @Alternative.");
            }
        });
        return problems;
    }

    /** {@code com.example.OrderWorkflowBase} → {@code OrderWorkflow}, as the compiler names bases. */
    static String workflowType(String generatedBase) {
        String simple = generatedBase.substring(generatedBase.lastIndexOf('.') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        return simple.endsWith("Base") ? simple.substring(0, simple.length() - "Base".length()) : simple;
    }
}
