package io.gamgee.compiler.graph;

import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.diagram.Token;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the duration of an {@code after} label: a whole number with a unit ({@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 2h}, {@code 3d}) or an ISO-8601 duration that
 * {@link Duration#parse} accepts ({@code PT10M}, {@code P2DT3H}); longer than zero and a whole
 * number of milliseconds.
 */
public final class Durations {

    /** The accepted forms, as error messages name them. */
    static final String FORMS = "a whole number with ms, s, m, h or d (500ms, 30s, 10m, 2h, 3d) or an ISO-8601 "
            + "duration (PT10M, P2DT3H)";
    private static final Pattern SHORT = Pattern.compile("(?<amount>\\d+)(?<unit>ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * The milliseconds of {@code duration}, or empty after reporting what is wrong with it.
     *
     * @param what what the duration is for, e.g. {@code the timer of wait paid}
     */
    static Optional<Long> read(Token duration, String what, Reporter reporter) {
        String text = duration.text();
        Duration parsed;
        try {
            parsed = parse(text);
        } catch (ArithmeticException | NumberFormatException tooLong) {
            reporter.error(duration, what + " is too long, found '" + text + "'");
            return Optional.empty();
        } catch (DateTimeParseException unreadable) {
            reporter.error(duration, "'" + text + "' is not a duration (" + what + "): write " + FORMS);
            return Optional.empty();
        }
        if (parsed.isNegative() || parsed.isZero()) {
            reporter.error(duration, what + " must be longer than zero, found '" + text + "'");
            return Optional.empty();
        }
        if (parsed.getNano() % 1_000_000 != 0) {
            reporter.error(duration, what + " must be a whole number of milliseconds, found '" + text + "'");
            return Optional.empty();
        }
        try {
            return Optional.of(parsed.toMillis());
        } catch (ArithmeticException tooLong) {
            reporter.error(duration, what + " is too long, found '" + text + "'");
            return Optional.empty();
        }
    }

    private static Duration parse(String text) {
        Matcher simple = SHORT.matcher(text);
        if (!simple.matches()) {
            return Duration.parse(text);
        }
        long amount = Long.parseLong(simple.group("amount"));
        return switch (simple.group("unit")) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** Milliseconds in the largest unit that divides them: {@code 172800000} → {@code 2d}, {@code 1500} → {@code 1500ms}. */
    public static String describe(long millis) {
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
