package io.gamgee.dashboard.diagram;

import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.StateCounts;
import io.gamgee.dashboard.diagram.DiagramGraph.Kind;
import io.gamgee.dashboard.diagram.DiagramLayout.PlacedEdge;
import io.gamgee.dashboard.diagram.DiagramLayout.PlacedNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Draws a workflow's diagram as SVG, the way Mermaid draws a state diagram: rounded steps, diamonds
 * for decisions and waits, bars for forks and joins, a filled circle for the start and a ringed one
 * for the end, labels on the arrows ({@code chooseLeft}, {@code on captured}, {@code after 2d}) and a
 * loop with the retry settings beside a retried step. Every step, wait and join shows how many
 * instances wait, run, retry, are unrecoverable or completed there. No script and no font: the SVG
 * stands on its own.
 *
 * <p>Every name is escaped, so a state or label can never inject markup. Layouts are computed once
 * per diagram (by workflow type and diagram hash) and reused. Thread-safe.
 */
public final class DiagramSvg {

    /** Colours of the five counts, in the order they are shown. */
    private static final String[][] COUNT_STYLES = {
        {"waiting", "#475569", "waiting"},
        {"running", "#1d4ed8", "running"},
        {"retrying", "#b45309", "retrying"},
        {"unrecoverable", "#b91c1c", "failed"},
        {"completed", "#15803d", "done"},
    };

    private static final Map<String, DiagramLayout.Placed> LAYOUTS = new ConcurrentHashMap<>();

    private DiagramSvg() {
    }

    /**
     * What to mark on the drawing: the states an instance went through and where it stands.
     *
     * @param visited the steps, waits and joins the instance ran or stood at
     * @param current where it stands (or, once finished, its last state), or {@code null}
     * @param completed whether it ended through {@code [*]}
     */
    public record Path(Set<String> visited, String current, boolean completed) {
        public Path {
            visited = Set.copyOf(visited);
        }
    }

    /**
     * The diagram of {@code definition} as an SVG element.
     *
     * @param definition the workflow's compiled diagram
     * @param counts the counts per state (by state name); states left out show none
     * @param path an instance's path to highlight, or {@code null}
     * @param link the address a state links to (by state name), or {@code null} for no links
     */
    public static String render(WorkflowDefinition definition, Map<String, StateCounts> counts, Path path,
            Function<String, String> link) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(counts, "counts");
        DiagramGraph graph = DiagramGraph.of(definition);
        DiagramLayout.Placed placed = LAYOUTS.computeIfAbsent(
                definition.workflowType() + "\n" + definition.diagramHash(), key -> DiagramLayout.layout(graph));
        Set<String> visited = path == null ? Set.of() : PathMarks.visitedNodes(definition, path);

        StringBuilder svg = new StringBuilder(8192);
        String id = "g" + Integer.toHexString(definition.workflowType().hashCode());
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gamgee-diagram\" data-workflow=\"")
                .append(escape(definition.workflowType())).append("\" width=\"").append(num(placed.width()))
                .append("\" height=\"").append(num(placed.height())).append("\" viewBox=\"0 0 ")
                .append(num(placed.width())).append(' ').append(num(placed.height()))
                .append("\" font-family=\"sans-serif\" font-size=\"").append(num(DiagramLayout.FONT_SIZE))
                .append("\" role=\"img\"><title>").append(escape(definition.workflowType())).append("</title>")
                .append("<defs><marker id=\"").append(id).append("-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" ")
                .append("markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>");

        for (PlacedEdge edge : placed.edges()) {
            boolean on = path != null && visited.contains(edge.edge().from()) && visited.contains(edge.edge().to());
            edge(svg, edge, id, on);
        }
        for (PlacedNode node : placed.nodes().values()) {
            String name = node.node().id();
            boolean on = path != null && visited.contains(name);
            boolean current = path != null && name.equals(path.current());
            node(svg, node, counts.get(name), on, current, link == null || !node.node().holdsInstances() ? null
                    : link.apply(name));
        }
        return svg.append("</svg>").toString();
    }

    private static void edge(StringBuilder svg, PlacedEdge edge, String id, boolean on) {
        svg.append("<g class=\"edge").append(on ? " visited" : "").append("\" data-from=\"")
                .append(escape(edge.edge().from())).append("\" data-to=\"").append(escape(edge.edge().to()))
                .append("\"><path d=\"");
        for (int i = 0; i < edge.points().size(); i++) {
            double[] p = edge.points().get(i);
            svg.append(i == 0 ? 'M' : 'L').append(num(p[0])).append(',').append(num(p[1])).append(' ');
        }
        svg.append("\" fill=\"none\" stroke=\"").append(on ? "#7c3aed" : "#333").append("\" stroke-width=\"")
                .append(on ? "3" : "1.3").append("\" marker-end=\"url(#").append(id).append("-arrow)\"/>");
        if (edge.edge().label() != null) {
            svg.append("<rect class=\"edge-label-bg\" x=\"").append(num(edge.labelX())).append("\" y=\"")
                    .append(num(edge.labelY())).append("\" width=\"").append(num(edge.labelWidth()))
                    .append("\" height=\"").append(num(DiagramLayout.LINE_HEIGHT))
                    .append("\" rx=\"3\" fill=\"#eef2f7\"/>")
                    .append("<text class=\"edge-label\" x=\"").append(num(edge.labelX() + edge.labelWidth() / 2))
                    .append("\" y=\"").append(num(edge.labelY() + 12)).append("\" text-anchor=\"middle\" font-size=\"")
                    .append(num(DiagramLayout.SMALL_FONT_SIZE)).append("\">").append(escape(edge.edge().label()))
                    .append("</text>");
        }
        svg.append("</g>");
    }

    private static void node(StringBuilder svg, PlacedNode placed, StateCounts counts, boolean on, boolean current,
            String href) {
        DiagramGraph.Node node = placed.node();
        String stroke = current ? "#7c3aed" : on ? "#7c3aed" : "#4b5563";
        String strokeWidth = current ? "4" : on ? "2.5" : "1.3";
        String fill = on ? "#f3e8ff" : "#f8fafc";
        svg.append("<g class=\"state ").append(node.kind().name().toLowerCase(Locale.ROOT))
                .append(on ? " visited" : "").append(current ? " current" : "").append("\" data-state=\"")
                .append(escape(node.id())).append("\">");
        if (href != null) {
            svg.append("<a href=\"").append(escape(href)).append("\">");
        }
        svg.append("<title>").append(escape(node.kind() == Kind.START || node.kind() == Kind.END ? "[*]" : node.id()))
                .append("</title>");
        double x = placed.x();
        double y = placed.y();
        double w = placed.width();
        double h = placed.height();
        switch (node.kind()) {
            case START -> svg.append("<circle cx=\"").append(num(placed.centerX())).append("\" cy=\"")
                    .append(num(placed.centerY())).append("\" r=\"").append(num(w / 2)).append("\" fill=\"#222\"/>");
            case END -> svg.append("<circle cx=\"").append(num(placed.centerX())).append("\" cy=\"")
                    .append(num(placed.centerY())).append("\" r=\"").append(num(w / 2))
                    .append("\" fill=\"none\" stroke=\"#222\" stroke-width=\"2\"/>")
                    .append("<circle cx=\"").append(num(placed.centerX())).append("\" cy=\"")
                    .append(num(placed.centerY())).append("\" r=\"").append(num(w / 2 - 5)).append("\" fill=\"#222\"/>");
            case STEP -> {
                svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                        .append(num(w)).append("\" height=\"").append(num(h)).append("\" rx=\"10\" ry=\"10\" fill=\"")
                        .append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                        .append(strokeWidth).append("\"/>")
                        .append("<text class=\"state-name\" x=\"").append(num(placed.centerX())).append("\" y=\"")
                        .append(num(y + 20)).append("\" text-anchor=\"middle\" font-weight=\"bold\">")
                        .append(escape(node.id())).append("</text>");
                counts(svg, node.id(), counts, placed.centerX(), y + 41, "middle");
                if (node.retry() != null) {
                    double lx = x + w;
                    svg.append("<path class=\"retry-loop\" d=\"M").append(num(lx)).append(',').append(num(y + 12))
                            .append(" C").append(num(lx + 22)).append(',').append(num(y + 2)).append(' ')
                            .append(num(lx + 22)).append(',').append(num(y + 30)).append(' ').append(num(lx))
                            .append(',').append(num(y + 24)).append("\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.3\"/>")
                            .append("<text class=\"retry\" x=\"").append(num(lx + 24)).append("\" y=\"")
                            .append(num(y + 20)).append("\" font-size=\"")
                            .append(num(DiagramLayout.SMALL_FONT_SIZE)).append("\">").append(escape(node.retry()))
                            .append("</text>");
                }
            }
            case DECISION, WAIT -> {
                double cx = placed.centerX();
                double cy = placed.centerY();
                svg.append("<polygon points=\"").append(num(cx)).append(',').append(num(y)).append(' ')
                        .append(num(x + w)).append(',').append(num(cy)).append(' ').append(num(cx)).append(',')
                        .append(num(y + h)).append(' ').append(num(x)).append(',').append(num(cy)).append("\" fill=\"")
                        .append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                        .append(strokeWidth).append("\"/>");
                sideText(svg, placed, counts);
            }
            case FORK, JOIN -> {
                svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                        .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"")
                        .append(on ? "#7c3aed" : "#222").append("\"/>");
                sideText(svg, placed, counts);
            }
        }
        if (href != null) {
            svg.append("</a>");
        }
        svg.append("</g>");
    }

    /** A diamond's or bar's name beside it, with the counts below the name where instances stand. */
    private static void sideText(StringBuilder svg, PlacedNode placed, StateCounts counts) {
        boolean holds = placed.node().holdsInstances();
        double top = placed.sideY();
        svg.append("<text class=\"state-name\" x=\"").append(num(placed.sideX())).append("\" y=\"")
                .append(num(top + 12)).append("\" font-size=\"").append(num(DiagramLayout.SMALL_FONT_SIZE))
                .append("\" font-weight=\"bold\">").append(escape(placed.node().id())).append("</text>");
        if (holds) {
            counts(svg, placed.node().id(), counts, placed.sideX(), top + 12 + DiagramLayout.LINE_HEIGHT, "start");
        }
    }

    /**
     * The counts line: one {@code tspan} per non-zero count ({@code 3 waiting}), coloured by what the
     * instances do; an empty state shows a dash. The dashboard's refresh rewrites the same line.
     */
    private static void counts(StringBuilder svg, String state, StateCounts counts, double x, double y, String anchor) {
        svg.append("<text class=\"counts\" data-state=\"").append(escape(state)).append("\" x=\"").append(num(x))
                .append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor).append("\" font-size=\"")
                .append(num(DiagramLayout.SMALL_FONT_SIZE)).append("\">");
        long[] values = counts == null ? new long[5] : new long[] {counts.waiting(), counts.running(),
            counts.retrying(), counts.unrecoverable(), counts.completedSince()};
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == 0) {
                continue;
            }
            svg.append("<tspan class=\"count-").append(COUNT_STYLES[i][0]).append("\" fill=\"")
                    .append(COUNT_STYLES[i][1]).append("\">").append(any ? " " : "").append(values[i]).append(' ')
                    .append(COUNT_STYLES[i][2]).append("</tspan>");
            any = true;
        }
        if (!any) {
            svg.append("<tspan class=\"count-none\" fill=\"#9ca3af\">–</tspan>");
        }
        svg.append("</text>");
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** {@code text} safe inside SVG or HTML text and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
