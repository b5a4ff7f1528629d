package io.gamgee.benchmarks.harness;

import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.limit.RawJdbcLimit;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the run as markdown: the machine, the settings, the table with its three ratios, and the
 * targets the issue sets, each met or missed.
 */
public final class Report {

    /** The system name Gamgee's rows carry; the second ratio divides by its value. */
    public static final String GAMGEE = "Gamgee";

    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<Database, String> databaseVersions = new LinkedHashMap<>();
    private final ZonedDateTime startedAt;
    private final String commandLine;

    public Report(ZonedDateTime startedAt, String commandLine) {
        this.startedAt = startedAt;
        this.commandLine = commandLine;
    }

    /** Adds measurements. */
    public void add(List<Measurement> added) {
        measurements.addAll(added);
    }

    /** Records how a system was configured. */
    public void settings(String system, String text) {
        settings.put(system, text);
    }

    /** Records a database's version. */
    public void databaseVersion(Database database, String version) {
        databaseVersions.put(database, version);
    }

    /** The whole markdown document. */
    public String markdown(long elapsedSeconds) {
        StringBuilder out = new StringBuilder();
        out.append("# Gamgee benchmark results, ")
                .append(startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append("\n\n");
        out.append("- Command: `").append(commandLine).append("`\n");
        out.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB\n");
        out.append("- JDK: ").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append('\n');
        databaseVersions.forEach((database, version) -> out.append("- ").append(database.displayName())
                .append(": ").append(version).append('\n'));
        out.append("- Wall time of the run: ").append(elapsedSeconds / 60).append(" min ")
                .append(elapsedSeconds % 60).append(" s\n\n");
        out.append(table());
        out.append('\n').append(targets());
        if (!settings.isEmpty()) {
            out.append("\n## Settings\n\n");
            settings.forEach((system, text) -> out.append("- **").append(system).append("**: ").append(text).append('\n'));
        }
        return out.toString();
    }

    /** The results table alone. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("| Workload | System | Database | Metric | Value | × limit | × batched limit | × Gamgee | Note |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---|\n");
        for (Measurement m : measurements) {
            out.append("| ").append(m.workload()).append(" | ").append(m.system()).append(" | ")
                    .append(m.database() == null ? "—" : m.database().displayName()).append(" | ")
                    .append(m.metric()).append(" | ").append(m.present() ? number(m.value()) : "—").append(" | ")
                    .append(ratioToLimit(m).map(Report::ratio).orElse("")).append(" | ")
                    .append(ratioToBatchedLimit(m).map(Report::ratio).orElse("")).append(" | ")
                    .append(ratioToGamgee(m).map(Report::ratio).orElse("")).append(" | ")
                    .append(m.note().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /** Steps/s over the limit's commits/s; W2 latencies over the same percentile of 3 sequential commits. */
    Optional<Double> ratioToLimit(Measurement m) {
        if (!m.present() || m.system().equals(RawJdbcLimit.SYSTEM)) {
            return Optional.empty();
        }
        if (m.kind() == Kind.THROUGHPUT && m.metric().equals("steps/s")) {
            return find(RawJdbcLimit.COMMITS, RawJdbcLimit.SYSTEM, m.database(), "commits/s").map(limit -> m.value() / limit);
        }
        if (m.kind() == Kind.LATENCY) {
            // W2 with idle gaps is compared with 3 commits after the same gaps
            String limit = m.workload().startsWith("W2 latency, ")
                    ? RawJdbcLimit.THREE_COMMITS + m.workload().substring("W2 latency".length())
                    : RawJdbcLimit.THREE_COMMITS;
            return find(limit, RawJdbcLimit.SYSTEM, m.database(), m.metric()).map(value -> m.value() / value);
        }
        return Optional.empty();
    }

    /** Steps/s over the updated rows/s of the batched limit (16 updates per commit). */
    Optional<Double> ratioToBatchedLimit(Measurement m) {
        if (!m.present() || m.system().equals(RawJdbcLimit.SYSTEM) || m.kind() != Kind.THROUGHPUT
                || !m.metric().equals("steps/s")) {
            return Optional.empty();
        }
        return find(RawJdbcLimit.BATCHED, RawJdbcLimit.SYSTEM, m.database(), "updated rows/s").map(limit -> m.value() / limit);
    }

    /** A peer's value over Gamgee's for the same workload, database and metric. */
    Optional<Double> ratioToGamgee(Measurement m) {
        if (!m.present() || m.kind() == Kind.PLAIN || m.system().equals(GAMGEE)
                || m.system().equals(RawJdbcLimit.SYSTEM)) {
            return Optional.empty();
        }
        return find(m.workload(), GAMGEE, m.database(), m.metric()).map(gamgee -> m.value() / gamgee);
    }

    private String targets() {
        StringBuilder out = new StringBuilder("## Targets\n\n");
        out.append("| Database | Gamgee steps/s ÷ commits/s | W2 p50 ÷ 3-commit p50 | Gamgee ÷ best peer (steps/s) |\n");
        out.append("|---|---|---|---|\n");
        boolean any = false;
        for (Database database : Database.values()) {
            Optional<Double> steps = find("W1 throughput", GAMGEE, database, "steps/s");
            Optional<Double> commits = find(RawJdbcLimit.COMMITS, RawJdbcLimit.SYSTEM, database, "commits/s");
            Optional<Double> p50 = find("W2 latency", GAMGEE, database, "p50 ms");
            Optional<Double> threeCommits = find(RawJdbcLimit.THREE_COMMITS, RawJdbcLimit.SYSTEM, database, "p50 ms");
            Optional<Measurement> bestPeer = measurements.stream()
                    .filter(m -> m.database() == database && m.workload().equals("W1 throughput")
                            && m.metric().equals("steps/s") && m.present() && !m.system().equals(GAMGEE))
                    .max((x, y) -> Double.compare(x.value(), y.value()));
            if (steps.isEmpty() && commits.isEmpty()) {
                continue;
            }
            any = true;
            double limitTarget = database == Database.H2 ? 0.5 : 0.8;
            out.append("| ").append(database.displayName()).append(" | ")
                    .append(versus(steps, commits, limitTarget, true)).append(" | ")
                    .append(versus(p50, threeCommits, 2.0, false)).append(" | ")
                    .append(bestPeer.isEmpty() ? "no peer ran"
                            : versus(steps, Optional.of(bestPeer.get().value()), 2.0, true) + " (best: "
                                    + bestPeer.get().system() + ")")
                    .append(" |\n");
        }
        return any ? out.toString() : "";
    }

    private static String versus(Optional<Double> value, Optional<Double> base, double target, boolean atLeast) {
        if (value.isEmpty() || base.isEmpty()) {
            return "not measured";
        }
        double ratio = value.get() / base.get();
        boolean met = atLeast ? ratio >= target : ratio <= target;
        return ratio(ratio) + (met ? " ✅" : " ❌") + " (target " + (atLeast ? "≥ " : "≤ ") + target + ")";
    }

    private Optional<Double> find(String workload, String system, Database database, String metric) {
        return measurements.stream()
                .filter(m -> m.workload().equals(workload) && m.system().equals(system) && m.database() == database
                        && m.metric().equals(metric) && m.present())
                .map(Measurement::value)
                .findFirst();
    }

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
