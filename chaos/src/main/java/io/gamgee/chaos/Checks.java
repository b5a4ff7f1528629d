package io.gamgee.chaos;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What the database holds after the run, judged against what was submitted. */
final class Checks {

    private static final int EXAMPLES = 3;

    private final ChaosDatabase database;
    private final int instances;
    private final Report report;

    private final Map<String, String> statuses = new HashMap<>();
    private final Map<String, List<HistoryPaths.Row>> histories = new HashMap<>();
    private final Map<String, Set<String>> workersOf = new HashMap<>();
    private final Map<String, Integer> executions = new HashMap<>();

    Checks(ChaosDatabase database, int instances, Report report) {
        this.database = database;
        this.instances = instances;
        this.report = report;
    }

    void run() throws SQLException {
        load();
        noInstanceLost();
        everyInstanceEndedAsOrdered();
        noTransitionWrittenTwice();
        everyHistoryIsAPath();
        everyTransitionRanItsStep();
        noLeaseLeft();
    }

    private void load() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT instance_id, status FROM gamgee_instance")) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getString(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT instance_id, step, attempt, outcome, next_step, worker_id "
                    + "FROM gamgee_step_history ORDER BY instance_id, id")) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    histories.computeIfAbsent(id, key -> new ArrayList<>()).add(
                            new HistoryPaths.Row(rows.getString(2), rows.getInt(3), rows.getString(4), rows.getString(5)));
                    String worker = rows.getString(6);
                    // pool threads are <worker-id>-<n>: the JVM is what matters
                    workersOf.computeIfAbsent(id, key -> new HashSet<>())
                            .add(worker == null ? "?" : worker.replaceFirst("-\\d+$", ""));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT instance_id, step, executions FROM " + StepExecutions.TABLE)) {
                while (rows.next()) {
                    executions.put(rows.getString(1) + " " + rows.getString(2), rows.getInt(3));
                }
            }
        }
    }

    private void noInstanceLost() {
        List<String> missing = new ArrayList<>();
        for (int number = 0; number < instances; number++) {
            if (!statuses.containsKey(Orders.id(number))) {
                missing.add(Orders.id(number));
            }
        }
        long unknown = statuses.keySet().stream().filter(id -> !id.startsWith("chaos-")).count();
        report.check("no instance lost", missing.isEmpty() && unknown == 0,
                String.format("%,d submitted, %,d in gamgee_instance, %d missing%s, %d not submitted", instances,
                        statuses.size(), missing.size(), examples(missing), unknown));
    }

    private void everyInstanceEndedAsOrdered() {
        int completed = 0;
        int unrecoverable = 0;
        int expectedUnrecoverable = 0;
        List<String> wrong = new ArrayList<>();
        for (int number = 0; number < instances; number++) {
            String id = Orders.id(number);
            String status = statuses.getOrDefault(id, "MISSING");
            List<HistoryPaths.Row> history = histories.getOrDefault(id, List.of());
            completed += status.equals("COMPLETED") ? 1 : 0;
            unrecoverable += status.equals("UNRECOVERABLE") ? 1 : 0;
            Optional<String> problem;
            if (Orders.poisoned(number)) {
                expectedUnrecoverable++;
                HistoryPaths.Row last = history.isEmpty() ? null : history.get(history.size() - 1);
                boolean gaveUp = last != null && last.step().equals("charge") && last.attempt() == 4
                        && last.outcome().equals("UNRECOVERABLE");
                problem = status.equals("UNRECOVERABLE") && gaveUp ? Optional.empty()
                        : Optional.of(id + " should have given up at charge attempt 4, is " + status);
            } else {
                String branch = Orders.refunded(number) ? "refund" : "ship";
                String other = Orders.refunded(number) ? "ship" : "refund";
                boolean took = history.stream().anyMatch(row -> row.step().equals(branch))
                        && history.stream().noneMatch(row -> row.step().equals(other));
                problem = status.equals("COMPLETED") && took ? Optional.empty()
                        : Optional.of(id + " should have completed through " + branch + ", is " + status);
            }
            problem.ifPresent(wrong::add);
        }
        report.check("every instance ended as its order called for", wrong.isEmpty(),
                String.format("%,d COMPLETED (expected %,d), %,d UNRECOVERABLE by design (expected %,d), "
                        + "%d wrong%s", completed, instances - expectedUnrecoverable, unrecoverable,
                        expectedUnrecoverable, wrong.size(), examples(wrong)));
    }

    private void noTransitionWrittenTwice() throws SQLException {
        long transitions = database.count("SELECT count(*) FROM gamgee_step_history");
        long repeated = database.count("SELECT count(*) FROM (SELECT 1 FROM gamgee_step_history "
                + "GROUP BY instance_id, step, attempt HAVING count(*) > 1) repeated");
        report.check("no transition written twice", repeated == 0,
                String.format("%,d transitions in gamgee_step_history, %d (instance, step, attempt) written more "
                        + "than once", transitions, repeated));
    }

    private void everyHistoryIsAPath() {
        HistoryPaths paths = new HistoryPaths(ChaosOrderWorkflowBase.DEFINITION);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> instance : statuses.entrySet()) {
            paths.problem(histories.getOrDefault(instance.getKey(), List.of()), instance.getValue())
                    .ifPresent(problem -> problems.add(instance.getKey() + ": " + problem));
        }
        long retries = histories.values().stream().flatMap(List::stream)
                .filter(row -> row.outcome().equals("RETRY_SCHEDULED")).count();
        report.check("every history is a path of the diagram", problems.isEmpty(),
                String.format("%,d histories checked (%,d retries among them), %d off the diagram%s", statuses.size(),
                        retries, problems.size(), examples(problems)));
    }

    /**
     * Each written transition needs an execution of its step, and each execution a transition of its
     * step; executions beyond the transitions are the duplicates that at-least-once allows.
     */
    private void everyTransitionRanItsStep() {
        Map<String, Integer> transitions = new HashMap<>();
        histories.forEach((id, rows) -> rows.forEach(row -> transitions.merge(id + " " + row.step(), 1, Integer::sum)));
        Set<String> keys = new HashSet<>(transitions.keySet());
        keys.addAll(executions.keySet());
        List<String> unmatched = new ArrayList<>();
        Map<String, Integer> duplicatesByStep = new TreeMap<>();
        Set<String> instancesWithDuplicates = new HashSet<>();
        long executed = 0;
        int duplicates = 0;
        int most = 0;
        for (String key : keys) {
            int written = transitions.getOrDefault(key, 0);
            int ran = executions.getOrDefault(key, 0);
            executed += ran;
            if (ran < written || written == 0) {
                unmatched.add(key + ": " + ran + " executions, " + written + " transitions");
            } else if (ran > written) {
                duplicates += ran - written;
                most = Math.max(most, ran - written);
                duplicatesByStep.merge(key.substring(key.indexOf(' ') + 1), ran - written, Integer::sum);
                instancesWithDuplicates.add(key.substring(0, key.indexOf(' ')));
            }
        }
        report.check("every transition has a step execution behind it, every execution a transition",
                unmatched.isEmpty(), String.format("%,d step executions for %,d transitions, %d (instance, step) "
                        + "unmatched%s", executed, transitions.values().stream().mapToInt(Integer::intValue).sum(),
                        unmatched.size(), examples(unmatched)));
        long takenOver = workersOf.values().stream().filter(workers -> workers.size() > 1).count();
        report.info("duplicate step executions (at least once)", String.format("%,d executions beyond their "
                + "transitions (%.2f %% of %,d), in %,d instances, at most %d for one step; by step %s; "
                + "%,d instances ran on more than one worker JVM (after a retry or a takeover)", duplicates, 100.0 * duplicates / Math.max(1, executed),
                executed, instancesWithDuplicates.size(), most, duplicatesByStep, takenOver));
    }

    private void noLeaseLeft() throws SQLException {
        long leased = database.count("SELECT count(*) FROM gamgee_instance WHERE lease_owner IS NOT NULL");
        report.check("no lease left behind after the workers stopped", leased == 0,
                String.format("%,d instances still leased", leased));
    }

    private static String examples(List<String> items) {
        return items.isEmpty() ? "" : " (e.g. " + String.join("; ", items.subList(0, Math.min(EXAMPLES, items.size())))
                + ")";
    }
}
