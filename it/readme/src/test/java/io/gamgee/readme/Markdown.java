package io.gamgee.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced code blocks of a Markdown file, each with the marker that says how it is checked. */
final class Markdown {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([\\w-]*).*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+)\\s*(.*?)\\s*-->\\s*$");

    private Markdown() {
    }

    /**
     * One fenced block.
     *
     * @param file the Markdown file, relative to the repository, as messages name it
     * @param fenceLine the line of the opening fence, 1-based
     * @param language the fence's info string ({@code ""} when none)
     * @param kind the marker's kind ({@code <!-- snippet: kind argument -->} on the line before the
     *     fence), {@code "readme-pom"} after README's pom marker, {@code ""} when unmarked
     * @param argument the rest of the marker
     * @param lines the block's lines between the fences, as written
     */
    record Block(String file, int fenceLine, String language, String kind, String argument, List<String> lines) {

        /** The line of the block's {@code index}-th line (0-based), 1-based. */
        int lineOf(int index) {
            return fenceLine + 1 + index;
        }

        int closingLine() {
            return fenceLine + lines.size() + 1;
        }

        String text() {
            return String.join("\n", lines) + "\n";
        }

        /** The block's text with the fence's indentation removed (blocks inside list items). */
        String unindentedText() {
            int indent = Integer.MAX_VALUE;
            for (String line : lines) {
                if (!line.isBlank()) {
                    indent = Math.min(indent, line.length() - line.stripLeading().length());
                }
            }
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
            }
            return text.toString();
        }

        /** {@code README.md:312}, the block's opening fence. */
        String where() {
            return file + ":" + fenceLine;
        }

        String where(int index) {
            return file + ":" + lineOf(index);
        }
    }

    static List<Block> blocks(Path repository, String file) throws IOException {
        List<String> lines = Files.readAllLines(repository.resolve(file));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new AssertionError(file + ":" + (i + 1) + ": the block is never closed");
            }
            String kind = "";
            String argument = "";
            int previous = i - 1;
            while (previous >= 0 && lines.get(previous).isBlank()) {
                previous--;
            }
            if (previous >= 0) {
                Matcher marker = MARKER.matcher(lines.get(previous));
                if (marker.matches()) {
                    kind = marker.group(1);
                    argument = marker.group(2);
                } else if (lines.get(previous).contains("<!-- readme-pom:begin")) {
                    kind = "readme-pom";
                }
            }
            blocks.add(new Block(file, i + 1, open.group(2), kind, argument, List.copyOf(lines.subList(i + 1, close))));
            i = close;
        }
        return blocks;
    }
}
