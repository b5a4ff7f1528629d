package io.gamgee.dashboard;

import static io.gamgee.dashboard.Html.enc;
import static io.gamgee.dashboard.Html.esc;

import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The dashboard's HTML: one method per page, everything that came from workflows escaped. */
final class Pages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    /** What the five counts are called, in the order the diagram shows them. */
    static final String[][] COUNTS = {
        {"waiting", "waiting", "due now or later (at a wait: for its event or timer)"},
        {"running", "running", "a worker runs the step"},
        {"retrying", "retrying", "failed before, a retry is scheduled"},
        {"unrecoverable", "failed", "unrecoverable: waits for recovery"},
        {"completed", "done", "completed here recently"},
    };

    private static final String STYLE = """
            body{font-family:sans-serif;margin:0;color:#1f2937;background:#fff}
            header{background:#1e293b;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center}
            header a{color:#fff;text-decoration:none;font-weight:bold}
            header .ro{background:#b45309;padding:2px 8px;border-radius:4px;font-size:12px}
            main{padding:10px 20px}
            h2{margin:24px 0 4px}
            .source{color:#6b7280;font-size:13px}
            .diagram{overflow-x:auto;border:1px solid #e5e7eb;border-radius:8px;padding:8px;display:inline-block;max-width:100%}
            table{border-collapse:collapse;margin:8px 0;font-size:14px}
            th,td{border-bottom:1px solid #e5e7eb;padding:4px 10px;text-align:left;vertical-align:top}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            .legend span{margin-right:14px;font-size:13px}
            .c-waiting{color:#475569}.c-running{color:#1d4ed8}.c-retrying{color:#b45309}.c-unrecoverable{color:#b91c1c}.c-completed{color:#15803d}
            pre{background:#f3f4f6;padding:10px;border-radius:6px;overflow-x:auto;max-height:420px;font-size:12px}
            .notice{background:#ecfdf5;border:1px solid #10b981;padding:8px 12px;border-radius:6px;margin:10px 0}
            .warn{background:#fef2f2;border:1px solid #ef4444;padding:8px 12px;border-radius:6px;margin:10px 0}
            form.inline{display:inline}
            button{padding:5px 14px;border-radius:5px;border:1px solid #64748b;background:#f8fafc;cursor:pointer}
            button.danger{border-color:#b91c1c;color:#b91c1c}
            .filters a{margin-right:10px}.filters a.on{font-weight:bold;text-decoration:none;color:#111}
            dl{display:grid;grid-template-columns:max-content auto;gap:4px 16px;font-size:14px}dt{color:#6b7280}
            """;

    private Pages() {
    }

    static String layout(String title, String nonce, boolean readOnly, String body, String script) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + " · Gamgee</title><style nonce=\"" + nonce + "\">" + STYLE + "</style></head><body><header>"
                + "<a href=\"/\">Gamgee workflows</a>" + (readOnly ? "<span class=\"ro\">read-only</span>" : "")
                + "</header><main>" + body + "</main>"
                + (script == null ? "" : "<script nonce=\"" + nonce + "\">" + script + "</script>")
                + "</body></html>";
    }

    static String legend() {
        StringBuilder html = new StringBuilder("<p class=\"legend\">");
        for (String[] count : COUNTS) {
            html.append("<span class=\"c-").append(count[0]).append("\" title=\"").append(esc(count[2])).append("\">■ ")
                    .append(count[1]).append("</span>");
        }
        return html.append("</p>").toString();
    }

    /** The overview's section of one workflow: its diagram and its counts as a table. */
    static String workflowSection(WorkflowDefinition definition, String svg, List<String> states,
            Map<String, StateCounts> counts) {
        String type = definition.workflowType();
        StringBuilder html = new StringBuilder();
        html.append("<section class=\"workflow\" id=\"").append(esc(enc(type))).append("\"><h2>").append(esc(type))
                .append("</h2><div class=\"source\">").append(esc(definition.source())).append("</div>")
                .append("<div class=\"diagram\">").append(svg).append("</div>")
                .append("<table class=\"counts-table\"><thead><tr><th>state</th>");
        for (String[] count : COUNTS) {
            html.append("<th class=\"c-").append(count[0]).append("\">").append(count[1]).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (String state : states) {
            StateCounts c = counts.get(state);
            html.append("<tr data-workflow=\"").append(esc(type)).append("\" data-state=\"").append(esc(state))
                    .append("\"><td><a href=\"").append(stateLink(type, state)).append("\">").append(esc(state))
                    .append("</a></td>");
            long[] values = values(c);
            for (int i = 0; i < COUNTS.length; i++) {
                html.append("<td class=\"n c-").append(COUNTS[i][0]).append("\" data-count=\"").append(COUNTS[i][0])
                        .append("\">").append(values[i]).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></section>").toString();
    }

    static long[] values(StateCounts c) {
        return c == null ? new long[5]
                : new long[] {c.waiting(), c.running(), c.retrying(), c.unrecoverable(), c.completedSince()};
    }

    static String stateLink(String type, String state) {
        return "/workflows/" + enc(type) + "/states/" + enc(state);
    }

    static String instanceLink(String id) {
        return "/instances/" + enc(id);
    }

    /** The instances at one state. */
    static String statePage(String type, String state, InstanceStatus status, boolean newest, int offset, int limit,
            long total, List<WorkflowStatus> page, StateCounts counts, boolean readOnly, String csrf, String notice) {
        StringBuilder html = new StringBuilder();
        html.append("<h2>").append(esc(type)).append(" at <code>").append(esc(state)).append("</code></h2>");
        if (notice != null) {
            html.append("<div class=\"notice\">").append(esc(notice)).append("</div>");
        }
        long[] values = values(counts);
        html.append("<p>");
        for (int i = 0; i < COUNTS.length; i++) {
            html.append("<span class=\"c-").append(COUNTS[i][0]).append("\">").append(values[i]).append(' ')
                    .append(COUNTS[i][1]).append("</span> &nbsp; ");
        }
        html.append("</p>");
        if (counts != null && counts.unrecoverable() > 0 && !readOnly) {
            html.append("<p><a class=\"bulk\" href=\"/workflows/").append(enc(type)).append("/recover?step=")
                    .append(enc(state)).append("\">Recover the ").append(counts.unrecoverable())
                    .append(" unrecoverable instances at this state…</a></p>");
        }
        String base = stateLink(type, state);
        html.append("<p class=\"filters\">status: ");
        filter(html, base, null, status, newest, "all");
        for (InstanceStatus s : InstanceStatus.values()) {
            filter(html, base, s, status, newest, s.name().toLowerCase(java.util.Locale.ROOT));
        }
        String statusParam = status == null ? "" : "status=" + status.name() + "&";
        html.append(" &nbsp; order: <a href=\"").append(base).append('?').append(statusParam)
                .append("order=oldest\"").append(newest ? "" : " class=\"on\"").append(">oldest first</a>")
                .append("<a href=\"").append(base).append('?').append(statusParam).append("order=newest\"")
                .append(newest ? " class=\"on\"" : "").append(">newest first</a></p>");
        html.append("<p>").append(total).append(" instance").append(total == 1 ? "" : "s")
                .append(total == 0 ? "" : ", showing " + (offset + 1) + "–" + (offset + page.size()))
                .append(" <span class=\"source\">(branches of forks are listed on their instance's page)</span></p>");
        html.append("<table class=\"instances\"><thead><tr><th>instance</th><th>status</th><th>attempts</th>"
                + "<th>created</th><th>updated</th><th>due</th><th>last error</th></tr></thead><tbody>");
        for (WorkflowStatus s : page) {
            html.append("<tr><td><a class=\"instance\" href=\"").append(instanceLink(s.instanceId())).append("\">")
                    .append(esc(s.instanceId())).append("</a></td><td>").append(statusText(s)).append("</td><td class=\"n\">")
                    .append(s.attempts()).append("</td><td>").append(time(s.createdAt())).append("</td><td>")
                    .append(time(s.updatedAt())).append("</td><td>").append(s.status() == InstanceStatus.WAITING
                            ? time(s.runAfter()) : "").append("</td><td>")
                    .append(s.lastError() == null ? "" : esc(s.lastError().type() + ": " + shorten(s.lastError().message())))
                    .append("</td></tr>");
        }
        html.append("</tbody></table><p>");
        String order = newest ? "order=newest&" : "";
        if (offset > 0) {
            html.append("<a rel=\"prev\" href=\"").append(base).append('?').append(statusParam).append(order)
                    .append("offset=").append(Math.max(0, offset - limit)).append("\">← previous</a> ");
        }
        if (offset + page.size() < total) {
            html.append("<a rel=\"next\" href=\"").append(base).append('?').append(statusParam).append(order)
                    .append("offset=").append(offset + limit).append("\">next →</a>");
        }
        return html.append("</p>").toString();
    }

    private static void filter(StringBuilder html, String base, InstanceStatus s, InstanceStatus current,
            boolean newest, String text) {
        html.append("<a href=\"").append(base).append('?').append(s == null ? "" : "status=" + s.name() + "&")
                .append(newest ? "order=newest" : "order=oldest").append('"').append(s == current ? " class=\"on\"" : "")
                .append('>').append(text).append("</a>");
    }

    static String statusText(WorkflowStatus s) {
        String text = s.status() == InstanceStatus.WAITING
                ? s.leased() ? "running" : s.attempts() > 0 ? "retrying" : "waiting"
                : s.status().name().toLowerCase(java.util.Locale.ROOT);
        String css = switch (text) {
            case "unrecoverable" -> "c-unrecoverable";
            case "completed" -> "c-completed";
            case "running" -> "c-running";
            case "retrying" -> "c-retrying";
            default -> "c-waiting";
        };
        return "<span class=\"status " + css + "\">" + text + "</span>";
    }

    /** One instance: where it stands, its path, history, payload, error, branches, and actions. */
    static String instancePage(WorkflowStatus s, String svg, List<StepRecord> history, String payload,
            boolean readOnly, String csrf, String notice, boolean warn) {
        StringBuilder html = new StringBuilder();
        html.append("<h2>Instance <code>").append(esc(s.instanceId())).append("</code></h2>");
        if (notice != null) {
            html.append("<div class=\"").append(warn ? "warn" : "notice").append("\">").append(esc(notice)).append("</div>");
        }
        html.append("<dl><dt>workflow</dt><dd>").append(esc(s.workflowType())).append("</dd><dt>state</dt><dd><a href=\"")
                .append(stateLink(s.workflowType(), s.step())).append("\">").append(esc(s.step())).append("</a></dd>")
                .append("<dt>status</dt><dd id=\"status\">").append(statusText(s)).append("</dd><dt>failed attempts</dt><dd>")
                .append(s.attempts()).append("</dd><dt>created</dt><dd>").append(time(s.createdAt()))
                .append("</dd><dt>updated</dt><dd>").append(time(s.updatedAt())).append("</dd>");
        if (s.status() == InstanceStatus.WAITING) {
            html.append("<dt>due</dt><dd>").append(time(s.runAfter())).append("</dd>");
        }
        if (!s.awaiting().isEmpty()) {
            html.append("<dt>waits for</dt><dd id=\"awaiting\">");
            for (String event : s.awaiting()) {
                html.append("<code>on ").append(esc(event)).append("</code> ");
            }
            html.append(s.timerAt() == null ? "" : " or its timer at " + time(s.timerAt())).append("</dd>");
        }
        html.append("</dl>");
        if (!readOnly) {
            html.append("<p class=\"actions\">");
            if (s.status() == InstanceStatus.UNRECOVERABLE) {
                html.append(actionForm(instanceLink(s.instanceId()) + "/recover", csrf, "recover", "Recover", ""));
            }
            if (s.status() == InstanceStatus.WAITING && !s.instanceId().contains("/")) {
                html.append(actionForm(instanceLink(s.instanceId()) + "/cancel", csrf, "cancel", "Cancel", "danger"));
            }
            html.append("</p>");
        }
        html.append("<div class=\"diagram\">").append(svg).append("</div>");
        if (s.lastError() != null) {
            html.append("<h3>Last error</h3><p id=\"error\"><b>").append(esc(s.lastError().type())).append("</b>: ")
                    .append(esc(s.lastError().message())).append("</p>");
            if (!s.lastError().stackTrace().isEmpty()) {
                html.append("<pre id=\"stack-trace\">").append(esc(s.lastError().stackTrace())).append("</pre>");
            }
        }
        if (!s.branches().isEmpty()) {
            html.append("<h3>Branches</h3><table class=\"branches\"><thead><tr><th>branch</th><th>state</th>"
                    + "<th>status</th><th>attempts</th><th>last error</th></tr></thead><tbody>");
            for (WorkflowStatus b : s.branches()) {
                html.append("<tr><td><a href=\"").append(instanceLink(b.instanceId())).append("\">")
                        .append(esc(b.instanceId())).append("</a></td><td>").append(esc(b.step())).append("</td><td>")
                        .append(statusText(b)).append("</td><td class=\"n\">").append(b.attempts()).append("</td><td>")
                        .append(b.lastError() == null ? "" : esc(b.lastError().type() + ": "
                                + shorten(b.lastError().message()))).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        html.append("<h3>History</h3><table class=\"history\"><thead><tr><th>step</th><th>attempt</th><th>worker</th>"
                + "<th>started</th><th>duration</th><th>outcome</th><th>error</th></tr></thead><tbody>");
        for (StepRecord r : history) {
            String step = r.instanceId().equals(s.instanceId()) ? r.step()
                    : r.step() + " (" + r.instanceId().substring(r.instanceId().lastIndexOf('/') + 1) + ")";
            html.append("<tr><td>").append(esc(step)).append("</td><td class=\"n\">").append(r.attempt())
                    .append("</td><td>").append(esc(r.workerId())).append("</td><td>").append(time(r.startedAt()))
                    .append("</td><td class=\"n\">").append(duration(r.startedAt(), r.finishedAt())).append("</td><td>")
                    .append(esc(r.outcome().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(r.nextStep() == null ? "" : " → " + esc(r.nextStep())).append("</td><td>")
                    .append(esc(r.error() == null ? "" : shorten(r.error()))).append("</td></tr>");
        }
        html.append("</tbody></table>");
        html.append("<h3>Payload</h3><pre id=\"payload\">").append(esc(payload == null ? "(none)" : payload))
                .append("</pre>");
        return html.toString();
    }

    static String actionForm(String action, String csrf, String name, String label, String css) {
        return "<form class=\"inline\" method=\"post\" action=\"" + esc(action) + "\"><input type=\"hidden\" name=\""
                + Guard.CSRF_FIELD + "\" value=\"" + esc(csrf) + "\"><button type=\"submit\" name=\"" + name
                + "\" class=\"" + css + "\">" + label + "</button></form> ";
    }

    /** The bulk recovery's confirmation: how many would be recovered, then the button. */
    static String bulkRecoverPage(String type, String step, long unrecoverable, boolean readOnly, String csrf) {
        StringBuilder html = new StringBuilder("<h2>Recover ").append(esc(type)).append(" at <code>")
                .append(esc(step)).append("</code></h2>");
        html.append("<p id=\"bulk-count\"><b>").append(unrecoverable).append("</b> unrecoverable instance")
                .append(unrecoverable == 1 ? "" : "s").append(" (branches included) stand at this state. Recovering puts")
                .append(" them back to work at this step with their attempts reset: fix the cause first.</p>");
        if (!readOnly && unrecoverable > 0) {
            html.append(actionForm("/workflows/" + enc(type) + "/recover?step=" + enc(step), csrf, "recover-all",
                    "Recover " + unrecoverable, ""));
        }
        return html.append(" <a href=\"").append(stateLink(type, step)).append("\">back</a>").toString();
    }

    static String message(String title, String text) {
        return "<h2>" + esc(title) + "</h2><p>" + esc(text) + "</p><p><a href=\"/\">overview</a></p>";
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "";
        }
        long millis = Duration.between(start, end).toMillis();
        return millis < 10_000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** The overview's refresh: reads the counts API and rewrites each diagram's counts and table. */
    static String refreshScript(long millis) {
        return """
                (function () {
                  var KINDS = [["waiting","#475569","waiting"],["running","#1d4ed8","running"],["retrying","#b45309","retrying"],
                               ["unrecoverable","#b91c1c","failed"],["completed","#15803d","done"]];
                  var SVG = "http://www.w3.org/2000/svg";
                  function values(c) { return c ? [c.waiting, c.running, c.retrying, c.unrecoverable, c.completedSince] : [0,0,0,0,0]; }
                  function fill(text, c) {
                    while (text.firstChild) { text.removeChild(text.firstChild); }
                    var v = values(c), any = false;
                    for (var i = 0; i < KINDS.length; i++) {
                      if (!v[i]) { continue; }
                      var t = document.createElementNS(SVG, "tspan");
                      t.setAttribute("class", "count-" + KINDS[i][0]);
                      t.setAttribute("fill", KINDS[i][1]);
                      t.textContent = (any ? " " : "") + v[i] + " " + KINDS[i][2];
                      text.appendChild(t);
                      any = true;
                    }
                    if (!any) {
                      var d = document.createElementNS(SVG, "tspan");
                      d.setAttribute("class", "count-none"); d.setAttribute("fill", "#9ca3af"); d.textContent = "\\u2013";
                      text.appendChild(d);
                    }
                  }
                  function update(section, data) {
                    var byState = {};
                    data.states.forEach(function (s) { byState[s.state] = s; });
                    section.querySelectorAll("text.counts").forEach(function (text) {
                      fill(text, Object.prototype.hasOwnProperty.call(byState, text.dataset.state) ? byState[text.dataset.state] : null);
                    });
                    section.querySelectorAll("tr[data-state]").forEach(function (row) {
                      var c = Object.prototype.hasOwnProperty.call(byState, row.dataset.state) ? byState[row.dataset.state] : null;
                      var v = values(c);
                      row.querySelectorAll("td[data-count]").forEach(function (cell, i) { cell.textContent = String(v[i]); });
                    });
                  }
                  function tick() {
                    document.querySelectorAll("section.workflow").forEach(function (section) {
                      var type = section.querySelector("svg.gamgee-diagram").dataset.workflow;
                      fetch("/api/workflows/" + encodeURIComponent(type) + "/counts", {credentials: "same-origin"})
                        .then(function (r) { return r.ok ? r.json() : null; })
                        .then(function (data) { if (data) { update(section, data); document.body.dataset.refreshed = String(Date.now()); } })
                        .catch(function () {});
                    });
                  }
                  setInterval(tick, %d);
                })();
                """.formatted(millis);
    }
}
