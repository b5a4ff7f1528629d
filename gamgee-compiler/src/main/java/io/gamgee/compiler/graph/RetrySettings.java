package io.gamgee.compiler.graph;

import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.diagram.Token;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the label of a self-arrow, {@code attempts=3\nbackoffMs=500\ntimeoutMs=30000}, into a
 * {@link Retry}. Each setting is optional and given at most once; settings are separated by a
 * literal {@code \n}, {@code <br>}, {@code <br/>}, {@code ,} or {@code ;}.
 */
final class RetrySettings {

    static final String ATTEMPTS = "attempts";
    static final String BACKOFF_MS = "backoffMs";
    static final String TIMEOUT_MS = "timeoutMs";
    private static final List<String> KEYS = List.of(ATTEMPTS, BACKOFF_MS, TIMEOUT_MS);
    private static final Pattern SEPARATOR = Pattern.compile("\\\\n|<br\\s*/?>|[,;]", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private RetrySettings() {
    }

    /** The retry of {@code label}, or empty after reporting what is wrong with it. */
    static Optional<Retry> read(String step, Token label, Reporter reporter) {
        Map<String, Long> values = new LinkedHashMap<>();
        boolean valid = true;
        Matcher separator = SEPARATOR.matcher(label.text());
        int start = 0;
        while (start <= label.text().length()) {
            int end = separator.find(start) ? separator.start() : label.text().length();
            valid &= readSetting(step, label, start, end, values, reporter);
            start = end == label.text().length() ? end + 1 : separator.end();
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new Retry(
                Math.toIntExact(values.getOrDefault(ATTEMPTS, (long) Retry.DEFAULT.attempts())),
                values.getOrDefault(BACKOFF_MS, Retry.DEFAULT.backoffMs()),
                values.getOrDefault(TIMEOUT_MS, Retry.DEFAULT.timeoutMs())));
    }

    private static boolean readSetting(String step, Token label, int start, int end, Map<String, Long> values,
            Reporter reporter) {
        String raw = label.text().substring(start, end);
        String setting = raw.strip();
        if (setting.isEmpty()) {
            return true;
        }
        Token at = label.at(start + raw.indexOf(setting.charAt(0)), setting);
        int equals = setting.indexOf('=');
        if (equals < 0) {
            reporter.error(at, "retry setting '" + setting + "' of step " + step
                    + " has no value: write key=value, e.g. attempts=3");
            return false;
        }
        String key = setting.substring(0, equals).strip();
        String value = setting.substring(equals + 1).strip();
        if (!KEYS.contains(key)) {
            reporter.error(at, "unknown retry setting '" + key + "' on step " + step + ": allowed are "
                    + ATTEMPTS + ", " + BACKOFF_MS + " and " + TIMEOUT_MS);
            return false;
        }
        if (values.containsKey(key)) {
            reporter.error(at, "retry setting " + key + " of step " + step + " is given twice");
            return false;
        }
        Token valueAt = at.at(setting.indexOf(value, equals + 1), value);
        long limit = key.equals(ATTEMPTS) ? Integer.MAX_VALUE : Long.MAX_VALUE;
        Optional<Long> number = positiveWhole(value, limit);
        if (number.isEmpty()) {
            reporter.error(valueAt, key + " of step " + step + " must be a whole number of at least 1"
                    + (key.equals(ATTEMPTS) ? "" : " (milliseconds)") + ", found '" + value + "'");
            return false;
        }
        values.put(key, number.get());
        return true;
    }

    private static Optional<Long> positiveWhole(String value, long limit) {
        if (!WHOLE.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
            return number >= 1 && number <= limit ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
