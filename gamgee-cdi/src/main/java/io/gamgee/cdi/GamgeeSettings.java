package io.gamgee.cdi;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.WorkerDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code gamgee.*} configuration of a CDI application, with the defaults that make an
 * unconfigured application work: four worker threads, an embedded H2 store under
 * {@code ./gamgee-data}.
 *
 * @param workersEnabled {@code gamgee.workers.enabled}: {@code false} for a node that only submits
 * @param threads {@code gamgee.workers.threads}
 * @param claimBatch {@code gamgee.workers.claim-batch}: how many instances a worker claims in one
 *     store call when the pool holds none (default: the number of threads)
 * @param pollInterval {@code gamgee.workers.poll-interval}: how often idle workers look for due
 *     work submitted by other nodes (same-JVM submissions wake them at once)
 * @param lease {@code gamgee.workers.lease}: how long a claimed instance stays reserved
 * @param drainTimeout {@code gamgee.workers.drain-timeout}: how long shutdown waits for running
 *     steps before it releases their leases
 * @param stepTimeout {@code gamgee.workers.step-timeout}: how long one try of a step may run when
 *     its diagram sets no {@code timeoutMs}; {@code gamgee.workflows.<WorkflowType>.step-timeout}
 *     overrides it for one workflow type (see {@link #workflowStepTimeouts})
 * @param workflowStepTimeouts the per-workflow-type step timeouts that are set, by workflow type
 * @param fetchStrategy {@code gamgee.fetch-strategy}
 * @param jdbcUrl {@code gamgee.store.jdbc-url}: a database to use instead of the embedded one
 * @param user {@code gamgee.store.user}
 * @param password {@code gamgee.store.password}
 * @param directory {@code gamgee.store.directory}: where the embedded H2 store keeps its files
 * @param createSchema {@code gamgee.store.create-schema}: whether the store creates its tables on
 *     first use; unset means yes for the embedded store, no for an application's database
 * @param compactionCheck {@code gamgee.store.compaction-check}: how often the embedded H2 store checks
 *     whether to compact its open file ({@code off}: only when it closes); default 10 s
 * @param concurrentCommits {@code gamgee.store.concurrent-commits}: how many transactions of step
 *     transitions the store has in flight at once (see
 *     {@code JpaStateStore.Builder#concurrentCommits(int)}); unset, it follows the load
 */
public record GamgeeSettings(boolean workersEnabled, int threads, int claimBatch, Duration pollInterval, Duration lease,
        Duration drainTimeout, Duration stepTimeout, Map<String, Duration> workflowStepTimeouts,
        FetchStrategy fetchStrategy, Optional<String> jdbcUrl, Optional<String> user, Optional<String> password,
        Path directory, Optional<Boolean> createSchema, Duration compactionCheck,
        Optional<Integer> concurrentCommits) {

    /** Default of {@code gamgee.store.compaction-check}. */
    public static final Duration DEFAULT_COMPACTION_CHECK = Duration.ofSeconds(10);

    /** Default of {@code gamgee.store.directory}. */
    public static final Path DEFAULT_DIRECTORY = Path.of("gamgee-data");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** Reads the settings from MicroProfile Config or system properties. */
    static GamgeeSettings read(ConfigLookup config) {
        return read(config, Set.of());
    }

    /**
     * Reads the settings, with the per-type step timeouts of {@code workflowTypes}
     * ({@code gamgee.workflows.<WorkflowType>.step-timeout}).
     */
    static GamgeeSettings read(ConfigLookup config, Set<String> workflowTypes) {
        Map<String, Duration> workflowStepTimeouts = new LinkedHashMap<>();
        for (String type : workflowTypes) {
            String key = "gamgee.workflows." + type + ".step-timeout";
            if (config.get(key).isPresent()) {
                workflowStepTimeouts.put(type, duration(config, key, WorkerDefaults.STEP_TIMEOUT));
            }
        }
        int threads = positiveInt(config, "gamgee.workers.threads", WorkerDefaults.THREADS);
        return new GamgeeSettings(
                bool(config, "gamgee.workers.enabled", true),
                threads,
                positiveInt(config, "gamgee.workers.claim-batch", threads),
                duration(config, "gamgee.workers.poll-interval", WorkerDefaults.POLL_INTERVAL),
                duration(config, "gamgee.workers.lease", WorkerDefaults.LEASE),
                duration(config, "gamgee.workers.drain-timeout", WorkerDefaults.DRAIN_TIMEOUT),
                duration(config, "gamgee.workers.step-timeout", WorkerDefaults.STEP_TIMEOUT),
                Map.copyOf(workflowStepTimeouts),
                fetchStrategy(config, "gamgee.fetch-strategy"),
                config.get("gamgee.store.jdbc-url"),
                config.get("gamgee.store.user"),
                config.get("gamgee.store.password"),
                config.get("gamgee.store.directory").map(Path::of).orElse(DEFAULT_DIRECTORY),
                config.get("gamgee.store.create-schema").map(value -> bool(config, "gamgee.store.create-schema", false)),
                config.get("gamgee.store.compaction-check").filter(value -> value.trim().equalsIgnoreCase("off"))
                        .map(off -> Duration.ZERO)
                        .orElseGet(() -> duration(config, "gamgee.store.compaction-check", DEFAULT_COMPACTION_CHECK)),
                config.get("gamgee.store.concurrent-commits")
                        .map(value -> positiveInt(config, "gamgee.store.concurrent-commits", 1)));
    }

    @Override
    public String toString() {
        // never print the password
        return "GamgeeSettings[workersEnabled=" + workersEnabled + ", threads=" + threads + ", claimBatch=" + claimBatch + ", pollInterval="
                + pollInterval + ", lease=" + lease + ", drainTimeout=" + drainTimeout + ", stepTimeout=" + stepTimeout
                + (workflowStepTimeouts.isEmpty() ? "" : ", workflowStepTimeouts=" + workflowStepTimeouts) + ", fetchStrategy=" + fetchStrategy + ", jdbcUrl="
                + jdbcUrl.orElse("-") + ", user=" + user.orElse("-") + ", directory=" + directory + ", createSchema="
                + createSchema.map(String::valueOf).orElse("-") + ", compactionCheck=" + compactionCheck
                + ", concurrentCommits="
                + concurrentCommits.map(String::valueOf).orElse("-") + "]";
    }

    private static boolean bool(ConfigLookup config, String key, boolean fallback) {
        return config.get(key).map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "true or false");
        }).orElse(fallback);
    }

    private static int positiveInt(ConfigLookup config, String key, int fallback) {
        return config.get(key).map(value -> {
            try {
                int number = Integer.parseInt(value.trim());
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw invalid(key, value, "a whole number of at least 1");
        }).orElse(fallback);
    }

    static Duration duration(ConfigLookup config, String key, Duration fallback) {
        return config.get(key).map(value -> {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher matcher = SHORT_DURATION.matcher(text);
            Duration duration = null;
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                duration = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } else {
                try {
                    duration = Duration.parse(text.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException notIso) {
                    // reported below
                }
            }
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw invalid(key, value, "a positive duration such as 500ms, 30s, 5m or PT30S");
            }
            return duration;
        }).orElse(fallback);
    }

    private static FetchStrategy fetchStrategy(ConfigLookup config, String key) {
        return config.get(key).map(value -> {
            try {
                return FetchStrategy.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw invalid(key, value, "one of NEWEST, OLDEST, RANDOM");
            }
        }).orElse(WorkerDefaults.FETCH_STRATEGY);
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("Gamgee configuration " + key + " = '" + value + "' is invalid: expected "
                + expected);
    }
}
