package io.gamgee.dashboard.diagram;

import io.gamgee.core.definition.DecisionDefinition;
import io.gamgee.core.definition.ForkDefinition;
import io.gamgee.core.definition.StepDefinition;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.util.HashSet;
import java.util.Set;

/**
 * Which nodes of the drawing an instance's path goes through: the states it ran or stood at, the
 * start, the decisions and forks between two of them, and the end once it completed. An arrow is
 * on the path when both its ends are.
 */
final class PathMarks {

    private PathMarks() {
    }

    static Set<String> visitedNodes(WorkflowDefinition definition, DiagramSvg.Path path) {
        Set<String> visited = new HashSet<>(path.visited());
        if (path.current() != null) {
            visited.add(path.current());
        }
        visited.add(DiagramGraph.START);
        if (path.completed()) {
            visited.add(DiagramGraph.END);
        }
        for (StepDefinition step : definition.steps().values()) {
            if (!visited.contains(step.name())) {
                continue;
            }
            DecisionDefinition decision = definition.decisions().get(step.next());
            if (decision != null && decision.branches().stream()
                    .anyMatch(branch -> visited.contains(node(branch.target())))) {
                visited.add(decision.name());
            }
            ForkDefinition fork = definition.forks().get(step.next());
            if (fork != null) {
                visited.add(fork.name());
            }
            WaitDefinition wait = definition.waits().get(step.next());
            if (wait != null && (wait.events().stream().anyMatch(on -> visited.contains(node(on.target())))
                    || wait.after().filter(after -> visited.contains(node(after.target()))).isPresent())) {
                visited.add(wait.name());
            }
        }
        return visited;
    }

    private static String node(String target) {
        return WorkflowDefinition.END.equals(target) ? DiagramGraph.END : target;
    }
}
