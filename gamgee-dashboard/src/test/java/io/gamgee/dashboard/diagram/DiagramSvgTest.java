package io.gamgee.dashboard.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.StateCounts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Each construct of the diagram language drawn as Mermaid draws it, read back as XML. */
class DiagramSvgTest {

    record P() {
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static NodeList nodes(Document svg, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, svg, XPathConstants.NODESET);
    }

    static String text(Document svg, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, svg);
    }

    /** Decision, retries and a delay: {@code [*] --> charge --> route; route --> ship: toShip; route --> [*]: toEnd; ship --> notify: after 10m}. */
    static final WorkflowDefinition DECISION = WorkflowDefinition.builder("DecisionWorkflow", "h1")
            .source("decision.mermaid").firstStep("charge")
            .step("charge", P.class, "route", RetryPolicy.of(3, 500), 4)
            .step("ship", P.class, "notify", RetryPolicy.DEFAULT, 5, Duration.ofMinutes(10))
            .step("notify", P.class, WorkflowDefinition.END, RetryPolicy.of(2, 1000, 30_000), 6)
            .decision("route", 3, "toShip", "ship", "toEnd", WorkflowDefinition.END)
            .build();

    static final WorkflowDefinition FORK = WorkflowDefinition.builder("CheckoutWorkflow", "h2")
            .source("checkout.mermaid").firstStep("prepare")
            .step("prepare", P.class, "split", RetryPolicy.DEFAULT, 7)
            .step("chargeCard", P.class, "merge", RetryPolicy.DEFAULT, 9)
            .step("reserveStock", P.class, "pickShelf", RetryPolicy.of(5, 200), 10)
            .step("pickShelf", P.class, "merge", RetryPolicy.DEFAULT, 13)
            .step("dispatch", P.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 15)
            .fork("split", "merge", 5, "chargeCard", "reserveStock")
            .join("merge", "dispatch", 6, new JoinDefinition.Input("chargeCard", P.class),
                    new JoinDefinition.Input("pickShelf", P.class))
            .build();

    static final WorkflowDefinition WAIT = WorkflowDefinition.builder("PaymentWorkflow", "h3")
            .source("payment.mermaid").firstStep("requestPayment")
            .step("requestPayment", P.class, "paid", RetryPolicy.DEFAULT, 6)
            .step("ship", P.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 8)
            .step("remind", P.class, "cancelOrder", RetryPolicy.DEFAULT, 10, Duration.ofDays(5))
            .step("cancelOrder", P.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 9)
            .await(new WaitDefinition("paid", P.class, List.of(
                    new WaitDefinition.On("captured", "ship", P.class),
                    new WaitDefinition.On("declined", "cancelOrder", P.class)),
                    new WaitDefinition.After(Duration.ofDays(2), "remind"), 5))
            .build();

    @Test
    void stepsAreRoundedBoxesWithTheirNameAndLiveCounts() throws Exception {
        Document svg = parse(DiagramSvg.render(DECISION, Map.of("charge", new StateCounts("charge", 3, 1, 2, 4, 10)),
                null, state -> "/s/" + state));
        for (String step : List.of("charge", "ship", "notify")) {
            NodeList rects = nodes(svg, "//*[local-name()='g'][@data-state='" + step + "']//*[local-name()='rect']");
            assertThat(rects.getLength()).as(step).isEqualTo(1);
            assertThat(rects.item(0).getAttributes().getNamedItem("rx").getNodeValue()).isEqualTo("10");
            assertThat(text(svg, "//*[local-name()='g'][@data-state='" + step + "']//*[@class='state-name']"))
                    .isEqualTo(step);
            assertThat(text(svg, "//*[local-name()='g'][@data-state='" + step + "']//*[local-name()='a']/@href"))
                    .isEqualTo("/s/" + step);
        }
        assertThat(text(svg, "//*[@class='counts'][@data-state='charge']"))
                .isEqualTo("3 waiting 1 running 2 retrying 4 failed 10 done");
        assertThat(text(svg, "//*[@class='counts'][@data-state='ship']")).isEqualTo("–");
    }

    @Test
    void aDecisionIsADiamondWithItsBranchLabelsOnTheArrows() throws Exception {
        Document svg = parse(DiagramSvg.render(DECISION, Map.of(), null, null));
        assertThat(nodes(svg, "//*[local-name()='g'][@data-state='route']/*[local-name()='polygon']").getLength()).isEqualTo(1);
        assertThat(text(svg, "//*[local-name()='g'][@data-from='route'][@data-to='ship']//*[@class='edge-label']"))
                .isEqualTo("toShip");
        assertThat(text(svg, "//*[local-name()='g'][@data-from='route'][@data-to='[*]end']//*[@class='edge-label']"))
                .isEqualTo("toEnd");
        // a decision holds no instances: no counts and no link
        assertThat(nodes(svg, "//*[@class='counts'][@data-state='route']").getLength()).isZero();
    }

    @Test
    void startIsAFilledCircleAndEndARingedOne() throws Exception {
        Document svg = parse(DiagramSvg.render(DECISION, Map.of(), null, null));
        NodeList start = nodes(svg, "//*[local-name()='g'][@data-state='[*]start']/*[local-name()='circle']");
        assertThat(start.getLength()).isEqualTo(1);
        assertThat(start.item(0).getAttributes().getNamedItem("fill").getNodeValue()).isEqualTo("#222");
        NodeList end = nodes(svg, "//*[local-name()='g'][@data-state='[*]end']/*[local-name()='circle']");
        assertThat(end.getLength()).isEqualTo(2);
        assertThat(end.item(0).getAttributes().getNamedItem("fill").getNodeValue()).isEqualTo("none");
        assertThat(nodes(svg, "//*[local-name()='g'][@data-from='[*]start'][@data-to='charge']").getLength()).isEqualTo(1);
    }

    @Test
    void retriesAreALoopWithTheirSettingsAndDelaysLabelTheirArrow() throws Exception {
        Document svg = parse(DiagramSvg.render(DECISION, Map.of(), null, null));
        assertThat(text(svg, "//*[local-name()='g'][@data-state='charge']//*[@class='retry']"))
                .isEqualTo("attempts=3, backoffMs=500");
        assertThat(nodes(svg, "//*[local-name()='g'][@data-state='charge']//*[@class='retry-loop']").getLength()).isEqualTo(1);
        assertThat(text(svg, "//*[local-name()='g'][@data-state='notify']//*[@class='retry']"))
                .isEqualTo("attempts=2, timeoutMs=30000");
        assertThat(nodes(svg, "//*[local-name()='g'][@data-state='ship']//*[@class='retry']").getLength()).isZero();
        assertThat(text(svg, "//*[local-name()='g'][@data-from='ship'][@data-to='notify']//*[@class='edge-label']"))
                .isEqualTo("after 10m");
    }

    @Test
    void forksAndJoinsAreBarsAndTheJoinShowsItsCounts() throws Exception {
        Document svg = parse(DiagramSvg.render(FORK, Map.of("merge", new StateCounts("merge", 7, 0, 0, 1, 0)), null, null));
        for (String bar : List.of("split", "merge")) {
            NodeList rects = nodes(svg, "//*[local-name()='g'][@data-state='" + bar + "']/*[local-name()='rect']");
            assertThat(rects.getLength()).as(bar).isEqualTo(1);
            assertThat(rects.item(0).getAttributes().getNamedItem("height").getNodeValue()).isEqualTo("8");
        }
        assertThat(nodes(svg, "//*[local-name()='g'][@data-from='split']").getLength()).isEqualTo(2);
        assertThat(nodes(svg, "//*[local-name()='g'][@data-to='merge']").getLength()).isEqualTo(2);
        assertThat(text(svg, "//*[@class='counts'][@data-state='merge']")).isEqualTo("7 waiting 1 failed");
        assertThat(nodes(svg, "//*[@class='counts'][@data-state='split']").getLength()).isZero();
    }

    @Test
    void aWaitIsADiamondWhoseArrowsNameTheEventsAndTheTimer() throws Exception {
        Document svg = parse(DiagramSvg.render(WAIT, Map.of("paid", new StateCounts("paid", 12, 0, 0, 0, 0)), null, null));
        assertThat(nodes(svg, "//*[local-name()='g'][@data-state='paid']/*[local-name()='polygon']").getLength()).isEqualTo(1);
        assertThat(text(svg, "//*[local-name()='g'][@data-from='paid'][@data-to='ship']//*[@class='edge-label']"))
                .isEqualTo("on captured");
        assertThat(text(svg, "//*[local-name()='g'][@data-from='paid'][@data-to='cancelOrder']//*[@class='edge-label']"))
                .isEqualTo("on declined");
        assertThat(text(svg, "//*[local-name()='g'][@data-from='paid'][@data-to='remind']//*[@class='edge-label']"))
                .isEqualTo("after 2d");
        assertThat(text(svg, "//*[local-name()='g'][@data-from='remind'][@data-to='cancelOrder']//*[@class='edge-label']"))
                .isEqualTo("after 5d");
        assertThat(text(svg, "//*[@class='counts'][@data-state='paid']")).isEqualTo("12 waiting");
    }

    @Test
    void anInstancePathIsHighlightedWithItsCurrentState() throws Exception {
        Document svg = parse(DiagramSvg.render(DECISION, Map.of(), new DiagramSvg.Path(Set.of("charge"), "ship", false),
                null));
        assertThat(text(svg, "//*[local-name()='g'][@data-state='charge']/@class")).isEqualTo("state step visited");
        assertThat(text(svg, "//*[local-name()='g'][@data-state='ship']/@class")).isEqualTo("state step visited current");
        assertThat(text(svg, "//*[local-name()='g'][@data-state='notify']/@class")).isEqualTo("state step");
        assertThat(text(svg, "//*[local-name()='g'][@data-from='route'][@data-to='ship']/@class")).isEqualTo("edge visited");
        assertThat(text(svg, "//*[local-name()='g'][@data-from='route'][@data-to='[*]end']/@class")).isEqualTo("edge");
    }

    @Test
    void namesAndLabelsAreEscaped() throws Exception {
        WorkflowDefinition hostile = WorkflowDefinition.builder("<script>alert(1)</script>", "h4")
                .source("x.mermaid").firstStep("a<b>\"&'")
                .step("a<b>\"&'", P.class, "d", RetryPolicy.DEFAULT, 1)
                .step("c", P.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 2)
                .decision("d", 3, "<img src=x onerror=alert(1)>", "c")
                .build();
        String raw = DiagramSvg.render(hostile, Map.of(), null, state -> "/s?x=\"" + state);
        assertThat(raw).doesNotContain("<script>", "<img", "<b>");
        Document svg = parse(raw);
        assertThat(text(svg, "//*[local-name()='g'][starts-with(@data-state,'a<b>')]//*[@class='state-name']")).isEqualTo("a<b>\"&'");
        assertThat(text(svg, "//*[@class='edge-label']")).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(text(svg, "/*/@data-workflow")).isEqualTo("<script>alert(1)</script>");
    }
}
