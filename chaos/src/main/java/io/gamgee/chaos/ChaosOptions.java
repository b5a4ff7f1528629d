package io.gamgee.chaos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's settings, from {@code --name=value} arguments.
 *
 * @param server JDBC URL of the PostgreSQL server, without a database
 * @param database the database the run drops and creates
 * @param user the database user (no password)
 * @param instances workflow instances submitted
 * @param workers worker JVMs
 * @param threads worker threads per JVM
 * @param paceMillis how long each step takes
 * @param leaseMillis the workers' lease
 * @param killEverySeconds mean interval between two kills (each interval is drawn from ±20 % of it)
 * @param restartCommand shell command that restarts the database server, or {@code null} to find
 *     {@code pg_ctlcluster}, or {@code "none"} to leave the server alone
 * @param maxMinutes the whole run ends by then, checks included
 * @param seed random seed for choosing victims and intervals
 */
record ChaosOptions(String server, String database, String user, int instances, int workers, int threads,
        long paceMillis, long leaseMillis, double killEverySeconds, String restartCommand, double maxMinutes, long seed) {

    static final String USAGE = """
            java -jar chaos/target/gamgee-chaos.jar [--name=value ...]
              --server=jdbc:postgresql://127.0.0.1:5432   PostgreSQL server (trust authentication)
              --database=gamgee_chaos                       dropped and created by the run
              --user=postgres
              --instances=3000  --workers=3  --threads=4  --pace-ms=40  --lease-ms=2000
              --kill-every-seconds=5
              --restart-command='…'   restarts the server; default: pg_ctlcluster of the only
                                      cluster under /etc/postgresql; 'none' skips the restart
              --max-minutes=8   --seed=<random>
            """;

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("server", "jdbc:postgresql://127.0.0.1:5432"), Map.entry("database", "gamgee_chaos"),
            Map.entry("user", "postgres"), Map.entry("instances", "3000"), Map.entry("workers", "3"),
            Map.entry("threads", "4"), Map.entry("pace-ms", "40"), Map.entry("lease-ms", "2000"),
            Map.entry("kill-every-seconds", "5"), Map.entry("restart-command", ""), Map.entry("max-minutes", "8"),
            Map.entry("seed", ""));

    static ChaosOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown argument " + arg + "; expected one of:\n" + USAGE);
            }
            values.put(name, arg.substring(equals + 1));
        }
        String seed = values.get("seed");
        String restart = values.get("restart-command");
        ChaosOptions options = new ChaosOptions(values.get("server"), values.get("database"), values.get("user"),
                whole(values, "instances"), whole(values, "workers"), whole(values, "threads"),
                whole(values, "pace-ms"), whole(values, "lease-ms"), number(values, "kill-every-seconds"),
                restart.isBlank() ? null : restart, number(values, "max-minutes"),
                seed.isBlank() ? System.nanoTime() : Long.parseLong(seed));
        if (!options.database().matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain lower-case name, was " + options.database());
        }
        return options;
    }

    /** The JDBC URL of the run's database. */
    String url() {
        return server + "/" + database;
    }

    private static int whole(Map<String, String> values, String name) {
        try {
            int value = Integer.parseInt(values.get(name));
            if (value >= 1 || name.equals("pace-ms") && value == 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number ≥ 1, was " + values.get(name));
    }

    private static double number(Map<String, String> values, String name) {
        try {
            double value = Double.parseDouble(values.get(name));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a number > 0, was " + values.get(name));
    }
}
