package io.gamgee.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's command line. Without arguments it runs the documented full sizes; {@code --quick}
 * shrinks every size for a smoke run.
 *
 * @param workloads which workloads: {@code limit w1 w2 w3 w4 w5 w6 claim}, and {@code soak} and {@code dashboard}, which only run when named
 * @param systems which systems by key: {@code gamgee flowable jobrunr db-scheduler dbos}
 * @param databases which databases
 * @param workflows W1/W3: workflows run to completion
 * @param latencyRuns W2: sequential workflows measured
 * @param latencyBudget W2: stop earlier when this much time is spent (slow pollers)
 * @param backlogs W3: waiting instances in the table besides the ones that run
 * @param compilerStates W4: states per diagram
 * @param limitDuration how long the raw-JDBC commit loop runs
 * @param runTimeout W1/W3: give up (and report the partial rate) after this long
 * @param threads the limit's threads and pool size (every system runs 4 worker threads;
 *     {@code -Dgamgee.bench.threads} changes Gamgee's)
 * @param output where the markdown results go
 * @param maxDuration the whole run's limit: later work is skipped, running work cut short
 * @param soakWorkflows soak: workflows run through the embedded H2 store while its file is measured
 * @param w2Gap W2 and the limit's 3-commit latency run a second time with this idle gap before each
 *     sample, or {@code null} for back-to-back only
 */
public record Options(Set<String> workloads, Set<String> systems, List<Database> databases, int workflows,
        int latencyRuns, Duration latencyBudget, List<Integer> backlogs, List<Integer> compilerStates,
        Duration limitDuration, Duration runTimeout, int threads, Path output, Duration maxDuration,
        int soakWorkflows, IdleGap w2Gap) {

    static final List<String> ALL_WORKLOADS = List.of("limit", "w1", "w2", "w3", "w4", "w5", "w6", "claim");
    /** Workloads a full run leaves out, since they take minutes; they run when {@code --workloads} names them. */
    static final List<String> ON_REQUEST = List.of("soak", "dashboard");

    /** Parses {@code --name=value} arguments; unknown names are errors. */
    public static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("workloads", String.join(",", ALL_WORKLOADS));
        values.put("systems", "gamgee,flowable,jobrunr,db-scheduler,dbos");
        values.put("databases", "h2,postgresql,mariadb");
        values.put("workflows", "20000");
        values.put("latency-runs", "1000");
        values.put("latency-budget-seconds", "15");
        values.put("backlogs", "10000,1000000");
        values.put("compiler-states", "10,100,500");
        values.put("limit-seconds", "5");
        values.put("timeout-seconds", "90");
        values.put("threads", "4");
        values.put("output", "benchmarks/results");
        values.put("max-minutes", "15");
        values.put("soak-workflows", "100000");
        values.put("w2-gap-ms", "0-20");
        for (String arg : args) {
            if (arg.equals("--quick")) {
                values.put("workflows", "1000");
                values.put("latency-runs", "50");
                values.put("latency-budget-seconds", "5");
                values.put("backlogs", "1000,10000");
                values.put("limit-seconds", "1");
                values.put("timeout-seconds", "60");
                values.put("soak-workflows", "5000");
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("not an option: " + arg + "\n" + usage());
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        Set<String> workloads = set(values.get("workloads"));
        for (String workload : workloads) {
            if (!ALL_WORKLOADS.contains(workload) && !ON_REQUEST.contains(workload)) {
                throw new IllegalArgumentException("unknown workload " + workload + " (known: " + ALL_WORKLOADS
                        + ", " + ON_REQUEST + ")");
            }
        }
        List<Database> databases = new ArrayList<>();
        for (String key : set(values.get("databases"))) {
            databases.add(Database.parse(key));
        }
        return new Options(workloads, set(values.get("systems")), databases,
                positive(values, "workflows"), positive(values, "latency-runs"),
                Duration.ofSeconds(positive(values, "latency-budget-seconds")), ints(values.get("backlogs")),
                ints(values.get("compiler-states")), Duration.ofSeconds(positive(values, "limit-seconds")),
                Duration.ofSeconds(positive(values, "timeout-seconds")), positive(values, "threads"),
                Path.of(values.get("output")), Duration.ofMinutes(positive(values, "max-minutes")),
                positive(values, "soak-workflows"),
                values.get("w2-gap-ms").equals("none") ? null : IdleGap.parse(values.get("w2-gap-ms")));
    }

    /** Whether this workload was selected. */
    public boolean runs(String workload) {
        return workloads.contains(workload);
    }

    static String usage() {
        return """
                usage: java -jar benchmarks/target/gamgee-benchmarks.jar [--quick] [--name=value ...]
                  --workloads=limit,w1,w2,w3,w4,w5,w6,claim   (soak and dashboard only when named: --workloads=soak,dashboard)
                  --systems=gamgee,flowable,jobrunr,db-scheduler,dbos
                  --databases=h2,postgresql,mariadb
                  --workflows=20000 --latency-runs=1000 --latency-budget-seconds=15
                  --backlogs=10000,1000000 --compiler-states=10,100,500
                  --limit-seconds=5 --timeout-seconds=90 --threads=4 --output=benchmarks/results
                  --max-minutes=15   work not started by then is skipped, running work is cut short
                  --soak-workflows=100000   soak: workflows through the embedded H2 file
                  --w2-gap-ms=0-20   W2 and the 3-commit limit again with a random idle gap before each
                                     workflow (none: back-to-back only)
                  --quick   small sizes for a smoke run (results are not comparable)""";
    }

    private static Set<String> set(String csv) {
        Set<String> set = new LinkedHashSet<>();
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }

    private static List<Integer> ints(String csv) {
        return set(csv).stream().map(Integer::parseInt).toList();
    }

    private static int positive(Map<String, String> values, String name) {
        int value = Integer.parseInt(values.get(name).replace("_", ""));
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1");
        }
        return value;
    }
}
