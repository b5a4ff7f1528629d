package io.gamgee.compiler.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tolerant scan of a line the parser could not read: the words that look like state names, and
 * which of them the line may lead out of, reading anything between two words as an arrow.
 *
 * @param names the words, {@code [*]} left out, in line order
 * @param leadingOut the words followed by another word ({@code a} in {@code a -> b}), or preceded by
 *     one across a reversed arrow ({@code a} in {@code b <- a})
 * @param untyped the words, when the line looks like a state declaration ({@code state} or a
 *     stereotype such as {@code <<choise>>}): each may be a step or a decision
 * @param fromStart whether {@code [*]} leads out ({@code [*] -> a})
 * @param arrow the line written as the arrow it looks like ({@code a --> b} for {@code a -> b}), when
 *     it is two words joined by something arrow-like
 */
record LineScan(List<String> names, List<String> leadingOut, List<String> untyped, boolean fromStart,
        Optional<String> arrow) {

    private static final String NAME_CHAR = "[^\\s:;\"{}<>\\[\\]()|=~*\\-\u2192\u27f6\u21d2\u2014\u2013]";
    /** A name, hyphens allowed inside ({@code my-task}), or {@code [*]} written loosely. */
    private static final Pattern WORD = Pattern.compile(
            "(?<terminal>[\\[(]?\\s*\\*\\s*[\\])]?)|" + NAME_CHAR + "+(?:-" + NAME_CHAR + "+)*");
    private static final Pattern ARROWISH = Pattern.compile("[-=<>~\u2190\u2192\u27f6\u21d2\u2014\u2013]");
    private static final Pattern REVERSED = Pattern.compile("[<\u2190][^>\u2192\u27f6\u21d2]*");
    private static final Pattern STATE_KEYWORD = Pattern.compile("\\s*state\\s+");
    private static final Pattern STEREOTYPE = Pattern.compile("<<|>>|\\[\\[|]]");
    /** Text that names no state: quoted descriptions, stereotypes, class suffixes. */
    private static final Pattern NOISE = Pattern.compile("\"[^\"]*\"|<<[^<>]*>>|\\[\\[[^\\[\\]]*]]|:::[\\w-]+");

    static LineScan of(String text) {
        String quiet = NOISE.matcher(text).replaceAll(" ");
        int colon = quiet.indexOf(':');
        String head = colon >= 0 ? quiet.substring(0, colon) : quiet;
        Matcher keyword = STATE_KEYWORD.matcher(head);
        boolean declaration = keyword.lookingAt();
        if (declaration) {
            head = head.substring(keyword.end());
        }
        boolean plain = quiet.equals(text) && !declaration;
        List<String> words = new ArrayList<>();
        List<Boolean> terminal = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        Matcher word = WORD.matcher(head);
        int end = -1;
        while (word.find()) {
            if (end >= 0) {
                gaps.add(head.substring(end, word.start()));
            }
            words.add(word.group());
            terminal.add(word.group("terminal") != null);
            end = word.end();
        }
        List<String> names = new ArrayList<>();
        List<String> leadingOut = new ArrayList<>();
        boolean fromStart = false;
        for (int i = 0; i < words.size(); i++) {
            if (!terminal.get(i)) {
                names.add(words.get(i));
            }
            boolean leadsToNext = i + 1 < words.size() && !REVERSED.matcher(gaps.get(i).strip()).matches();
            boolean leadsToPrevious = i > 0 && REVERSED.matcher(gaps.get(i - 1).strip()).matches();
            if (leadsToNext || leadsToPrevious) {
                if (terminal.get(i)) {
                    fromStart = true;
                } else {
                    leadingOut.add(words.get(i));
                }
            }
        }
        Optional<String> arrow = plain ? asArrow(text, words, terminal, gaps, colon) : Optional.empty();
        boolean declares = declaration || STEREOTYPE.matcher(text).find();
        return new LineScan(names, leadingOut, declares ? names : List.of(), fromStart, arrow);
    }

    private static Optional<String> asArrow(String text, List<String> words, List<Boolean> terminal,
            List<String> gaps, int colon) {
        if (words.size() != 2 || !ARROWISH.matcher(gaps.get(0)).find()
                || REVERSED.matcher(gaps.get(0).strip()).matches()) {
            return Optional.empty();
        }
        String from = terminal.get(0) ? Arrow.TERMINAL : words.get(0);
        String to = terminal.get(1) ? Arrow.TERMINAL : words.get(1);
        String label = colon >= 0 ? ": " + text.substring(colon + 1).strip() : "";
        return Optional.of(from + " --> " + to + (label.equals(": ") ? "" : label));
    }
}
