package io.gamgee.compiler.diagram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The statements of a diagram that carry meaning for a workflow, with locations; everything else
 * was read and dropped.
 *
 * @param title the front matter's {@code title} value, if any
 * @param header the {@code stateDiagram-v2} line, absent when the file has no diagram body
 * @param states every state, by name, in order of first appearance
 * @param arrows every arrow outside unsupported composite states, in file order
 * @param unreadable what the lines that could not be read may have said about states
 */
public record ParsedDiagram(Optional<Token> title, Optional<Token> header, Map<String, DiagramState> states,
        List<Arrow> arrows, Unreadable unreadable) {

    public ParsedDiagram {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        arrows = List.copyOf(arrows);
        Objects.requireNonNull(unreadable, "unreadable");
    }
}
