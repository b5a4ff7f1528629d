package io.gamgee.dashboard;

import io.gamgee.dashboard.diagram.DiagramSvg;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for HTML text and attributes, and encoding for the parts of the dashboard's addresses. */
final class Html {

    private Html() {
    }

    /** {@code text} safe in HTML text and in quoted attribute values. */
    static String esc(Object text) {
        return DiagramSvg.escape(text == null ? "" : text.toString());
    }

    /** {@code text} as one path segment or query value (a {@code /} in an instance id included). */
    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
