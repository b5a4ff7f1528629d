package io.gamgee.dashboard.diagram;

import io.gamgee.dashboard.diagram.DiagramGraph.Kind;
import io.gamgee.dashboard.diagram.DiagramGraph.Node;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.NodeLabelPlacement;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places a {@link DiagramGraph} top to bottom with the layered algorithm of the Eclipse Layout
 * Kernel (the one Mermaid offers as its "elk" renderer): layers, crossing minimisation, orthogonal
 * arrows, and room for arrow labels and for the text beside diamonds and bars. Text is measured by
 * an estimate of the width of a sans-serif character, since the server has no font to measure with.
 */
final class DiagramLayout {

    static final double FONT_SIZE = 13;
    static final double SMALL_FONT_SIZE = 11;
    static final double LINE_HEIGHT = 16;
    /** The width of the counts line a step reserves, so that counts fit as they change. */
    static final double COUNTS_WIDTH = 150;

    /** A placed node: its box, and the box of the text beside it (empty size when none). */
    record PlacedNode(Node node, double x, double y, double width, double height, double sideX, double sideY,
            double sideWidth) {
        double centerX() {
            return x + width / 2;
        }

        double centerY() {
            return y + height / 2;
        }
    }

    /** A placed arrow: its points from source to target, and where its label's box starts. */
    record PlacedEdge(DiagramGraph.Edge edge, List<double[]> points, double labelX, double labelY,
            double labelWidth) {
    }

    /** The whole drawing. */
    record Placed(Map<String, PlacedNode> nodes, List<PlacedEdge> edges, double width, double height) {
    }

    private DiagramLayout() {
    }

    /** Estimated width of {@code text} at {@code fontSize}. */
    static double textWidth(String text, double fontSize) {
        return text.length() * fontSize * 0.6;
    }

    /** The text a node shows beside its shape (the right of diamonds, bars and a step's retry loop), or {@code null}. */
    static String sideText(Node node) {
        return switch (node.kind()) {
            case DECISION, WAIT, JOIN, FORK -> node.id();
            case STEP -> node.retry();
            default -> null;
        };
    }

    static Placed layout(DiagramGraph graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(16));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 36.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);

        Map<String, ElkNode> elkNodes = new LinkedHashMap<>();
        Map<String, ElkLabel> sideLabels = new LinkedHashMap<>();
        for (Node node : graph.nodes().values()) {
            ElkNode elk = ElkGraphUtil.createNode(root);
            elk.setIdentifier(node.id());
            double[] size = shapeSize(node);
            elk.setDimensions(size[0], size[1]);
            String side = sideText(node);
            if (side != null) {
                double lines = node.holdsInstances() && node.kind() != Kind.STEP ? 2 : 1;
                double width = Math.max(textWidth(side, SMALL_FONT_SIZE),
                        node.holdsInstances() && node.kind() != Kind.STEP ? COUNTS_WIDTH : 0)
                        + (node.kind() == Kind.STEP ? 22 : 0);
                ElkLabel label = ElkGraphUtil.createLabel(side, elk);
                label.setDimensions(width, lines * LINE_HEIGHT);
                label.setProperty(CoreOptions.NODE_LABELS_PLACEMENT,
                        EnumSet.of(NodeLabelPlacement.OUTSIDE, NodeLabelPlacement.H_RIGHT,
                                node.kind() == Kind.STEP ? NodeLabelPlacement.V_TOP : NodeLabelPlacement.V_CENTER));
                elk.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.noneOf(SizeConstraint.class));
                sideLabels.put(node.id(), label);
            }
            elkNodes.put(node.id(), elk);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (DiagramGraph.Edge edge : graph.edges()) {
            ElkEdge elk = ElkGraphUtil.createSimpleEdge(elkNodes.get(edge.from()), elkNodes.get(edge.to()));
            if (edge.label() != null) {
                ElkLabel label = ElkGraphUtil.createLabel(edge.label(), elk);
                label.setDimensions(textWidth(edge.label(), SMALL_FONT_SIZE) + 8, LINE_HEIGHT);
                label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            }
            elkEdges.add(elk);
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, PlacedNode> nodes = new LinkedHashMap<>();
        double right = root.getWidth();
        for (Node node : graph.nodes().values()) {
            ElkNode elk = elkNodes.get(node.id());
            ElkLabel side = sideLabels.get(node.id());
            double sideX = side == null ? 0 : elk.getX() + side.getX();
            double sideY = side == null ? 0 : elk.getY() + side.getY();
            double sideWidth = side == null ? 0 : side.getWidth();
            nodes.put(node.id(), new PlacedNode(node, elk.getX(), elk.getY(), elk.getWidth(), elk.getHeight(),
                    sideX, sideY, sideWidth));
            right = Math.max(right, sideX + sideWidth + 8);
            if (node.retry() != null) {
                right = Math.max(right, elk.getX() + elk.getWidth() + 30 + textWidth(node.retry(), SMALL_FONT_SIZE));
            }
        }
        List<PlacedEdge> edges = new ArrayList<>();
        for (int i = 0; i < elkEdges.size(); i++) {
            ElkEdge elk = elkEdges.get(i);
            List<double[]> points = new ArrayList<>();
            for (ElkEdgeSection section : elk.getSections()) {
                points.add(new double[] {section.getStartX(), section.getStartY()});
                section.getBendPoints().forEach(bend -> points.add(new double[] {bend.getX(), bend.getY()}));
                points.add(new double[] {section.getEndX(), section.getEndY()});
            }
            double labelX = 0;
            double labelY = 0;
            double labelWidth = 0;
            if (!elk.getLabels().isEmpty()) {
                ElkLabel label = elk.getLabels().get(0);
                labelX = label.getX();
                labelY = label.getY();
                labelWidth = label.getWidth();
                right = Math.max(right, labelX + labelWidth + 8);
            }
            edges.add(new PlacedEdge(graph.edges().get(i), points, labelX, labelY, labelWidth));
        }
        return new Placed(nodes, edges, right, root.getHeight());
    }

    /** The size of a node's own shape. */
    static double[] shapeSize(Node node) {
        return switch (node.kind()) {
            case START -> new double[] {18, 18};
            case END -> new double[] {22, 22};
            case STEP -> new double[] {Math.max(COUNTS_WIDTH, textWidth(node.id(), FONT_SIZE) + 28), 52};
            case DECISION, WAIT -> new double[] {36, 36};
            case FORK, JOIN -> new double[] {90, 8};
        };
    }

}
