package io.gamgee.compiler.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Turns diagram names into Java names; the rules are listed in this package's documentation.
 * Every method returns empty when the result would not be a usable Java identifier.
 */
public final class JavaNames {

    /** Members of {@code WorkflowBase}, {@code Object} and generated classes that a step, decision, fork, join or wait must not shadow. */
    public static final Set<String> RESERVED_MEMBERS = Set.of(
            "definition", "workflowType", "submit", "executeStep", "executeJoin", "executeTimer", "execute", "DEFINITION",
            "getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize");

    /** Names of {@code Object} methods, which a branch method must not take. */
    public static final Set<String> OBJECT_METHODS = Set.of(
            "getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize");

    private static final String WORKFLOW = "Workflow";

    private JavaNames() {
    }

    /** {@code my-task}, {@code my_task}, {@code my task} → {@code myTask}; {@code Charge} → {@code charge}. */
    public static Optional<String> memberName(String stateName) {
        List<String> words = stateWords(stateName);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder(lowerFirst(words.get(0)));
        for (int i = 1; i < words.size(); i++) {
            name.append(upperFirst(words.get(i)));
        }
        return identifier(name.toString());
    }

    /** {@code my-task} → {@code MyTask}, the stem of {@code MyTaskPayload}, {@code MyTaskDecision}. */
    public static Optional<String> typeStem(String stateName) {
        List<String> words = stateWords(stateName);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        words.forEach(word -> name.append(upperFirst(word)));
        return identifier(name.toString());
    }

    /**
     * The workflow type of a title: words split at every character that is neither a letter nor a
     * digit, each capitalized, joined, with {@code Workflow} appended unless already there
     * ({@code order fulfillment} → {@code OrderFulfillmentWorkflow}).
     */
    public static Optional<String> workflowType(String title) {
        StringBuilder name = new StringBuilder();
        for (String word : title.split("[^\\p{L}\\p{Nd}]+")) {
            name.append(upperFirst(word));
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (!name.toString().endsWith(WORKFLOW)) {
            name.append(WORKFLOW);
        }
        return identifier(name.toString());
    }

    /** Whether a name is a keyword, a literal or a restricted identifier that cannot name a method. */
    public static boolean isKeyword(String name) {
        return SourceVersion.isKeyword(name, SourceVersion.RELEASE_17) || name.equals("yield") || name.equals("_");
    }

    /** Whether a branch label can be used, as written, as a method name. */
    public static boolean isMethodName(String label) {
        return identifier(label).isPresent() && !isKeyword(label);
    }

    /** Words of a state name: separated by {@code -}, {@code _} and whitespace. */
    private static List<String> stateWords(String name) {
        List<String> words = new ArrayList<>();
        for (String word : name.split("[-_\\s]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static Optional<String> identifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return Optional.empty();
        }
        boolean valid = name.codePoints().allMatch(c -> Character.isJavaIdentifierPart(c)
                && c != '$' && !Character.isIdentifierIgnorable(c));
        return valid ? Optional.of(name) : Optional.empty();
    }

    private static String lowerFirst(String word) {
        return word.substring(0, 1).toLowerCase(Locale.ROOT) + word.substring(1);
    }

    private static String upperFirst(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
