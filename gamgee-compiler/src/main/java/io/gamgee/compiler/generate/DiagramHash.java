package io.gamgee.compiler.generate;

import io.gamgee.compiler.graph.Decision;
import io.gamgee.compiler.graph.Fork;
import io.gamgee.compiler.graph.Join;
import io.gamgee.compiler.graph.Step;
import io.gamgee.compiler.graph.Wait;
import io.gamgee.compiler.graph.WorkflowGraph;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * The SHA-256 of a graph's canonical text: its type, first step, steps with their next state and
 * retry settings (the timeout only where the diagram gives one), decisions with their branches,
 * forks with their join and their branches in order, joins with their next state, and waits with
 * their events and timer, each sorted by name. Forks, joins, waits and delays add text only where
 * there are some, so diagrams without them keep the hash they had before these existed. Layout, comments, notes, styling and declaration order do not change it;
 * any change to what runs does.
 */
public final class DiagramHash {

    private DiagramHash() {
    }

    /** The hash as 64 lower-case hex digits. */
    public static String of(WorkflowGraph graph) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalText(graph).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The text that is hashed, one fact per line. */
    static String canonicalText(WorkflowGraph graph) {
        StringBuilder text = new StringBuilder();
        text.append("workflow ").append(graph.workflowType()).append('\n');
        text.append("first ").append(graph.firstStep()).append('\n');
        graph.steps().stream().sorted(Comparator.comparing(Step::name)).forEach(step -> {
            text.append("step ").append(step.name())
                    .append(" next ").append(step.next())
                    .append(" attempts ").append(step.retry().attempts())
                    .append(" backoffMs ").append(step.retry().backoffMs());
            // only when given, so that diagrams written before timeouts existed keep their hash
            if (step.retry().hasTimeout()) {
                text.append(" timeoutMs ").append(step.retry().timeoutMs());
            }
            if (step.isDelayed()) {
                text.append(" delayMs ").append(step.delayMs());
            }
            text.append('\n');
        });
        graph.decisions().stream().sorted(Comparator.comparing(Decision::name)).forEach(decision -> {
            text.append("decision ").append(decision.name()).append('\n');
            decision.branches().stream().sorted(Comparator.comparing(Decision.Branch::label)).forEach(branch -> text
                    .append("branch ").append(decision.name()).append(' ').append(branch.label())
                    .append(" to ").append(branch.target()).append('\n'));
        });
        graph.forks().stream().sorted(Comparator.comparing(Fork::name)).forEach(fork -> {
            text.append("fork ").append(fork.name()).append(" join ").append(fork.join()).append('\n');
            // the order of the branches is the order of the payloads and the results
            for (int i = 0; i < fork.branches().size(); i++) {
                text.append("fork-branch ").append(fork.name()).append(' ').append(i)
                        .append(" starts ").append(fork.branches().get(i).firstStep())
                        .append(" ends ").append(fork.branches().get(i).lastStep()).append('\n');
            }
        });
        graph.joins().stream().sorted(Comparator.comparing(Join::name)).forEach(join -> text
                .append("join ").append(join.name()).append(" next ").append(join.next()).append('\n'));
        graph.waits().stream().sorted(Comparator.comparing(Wait::name)).forEach(wait -> {
            text.append("wait ").append(wait.name()).append('\n');
            wait.events().stream().sorted(Comparator.comparing(Wait.On::event)).forEach(on -> text
                    .append("wait-event ").append(wait.name()).append(' ').append(on.event())
                    .append(" to ").append(on.target()).append('\n'));
            wait.timer().ifPresent(after -> text
                    .append("wait-timer ").append(wait.name()).append(' ').append(after.delayMs())
                    .append(" to ").append(after.target()).append('\n'));
        });
        return text.toString();
    }
}
