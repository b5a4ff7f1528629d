package io.gamgee.compiler.diagram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of a Mermaid state diagram, line by line, into a {@link ParsedDiagram}. Reports
 * unreadable lines and unsupported constructs to the {@link Reporter} and keeps going, so one run
 * finds every problem of the file.
 */
public final class DiagramParser {

    /** A state name: anything up to whitespace, {@code :} or an arrow; Java naming is checked later. */
    private static final String NAME = "(?:(?!-->)[^\\s:;\"{}<>\\[\\]])+";
    private static final String END_POINT = "\\[\\*\\]|" + NAME;
    private static final String CLASS_SUFFIX = "(?::::[\\w-]+)?";

    private static final Pattern ARROW = Pattern.compile("(?<from>" + END_POINT + ")" + CLASS_SUFFIX
            + "\\s*-->\\s*(?<to>" + END_POINT + ")" + CLASS_SUFFIX + "\\s*(?::(?<label>.*))?");
    private static final Pattern STATE_WITH_DESCRIPTION = Pattern.compile(
            "state\\s+\"[^\"]*\"\\s+as\\s+(?<name>" + NAME + ")" + CLASS_SUFFIX + "\\s*(?<rest>.*)");
    private static final Pattern STATE = Pattern.compile(
            "state\\s+(?<name>" + NAME + ")" + CLASS_SUFFIX + "\\s*(?<rest>.*)");
    private static final Pattern STEREOTYPE = Pattern.compile("(?:<<(?<a>\\w+)>>|\\[\\[(?<b>\\w+)]])\\s*(?<brace>\\{)?");
    private static final Pattern BARE_STATE = Pattern.compile(
            "(?<name>" + NAME + ")" + CLASS_SUFFIX + "\\s*(?::.*)?");
    private static final Pattern DIRECTION = Pattern.compile("direction\\s+(TB|TD|BT|LR|RL)");
    private static final Pattern STYLING = Pattern.compile("(?:classDef|class|style)\\s+\\S.*");
    private static final Pattern ACC_LINE = Pattern.compile("acc(?:Title|Descr)\\s*:.*");
    private static final Pattern ACC_BLOCK = Pattern.compile("accDescr\\s*\\{(?<rest>.*)");
    private static final Pattern NOTE_LINE = Pattern.compile("note\\s+(?:left|right)\\s+of\\s+" + NAME + "\\s*:.*");
    private static final Pattern NOTE_BLOCK = Pattern.compile("note\\s+(?:left|right)\\s+of\\s+" + NAME);
    private static final Pattern FLOATING_NOTE = Pattern.compile("note\\s+\"[^\"]*\"\\s+as\\s+" + NAME);
    private static final Pattern FRONT_MATTER_KEY = Pattern.compile("(?<key>[A-Za-z_][\\w-]*)\\s*:\\s*(?<value>.*)");

    private final Reporter reporter;
    private final Map<String, DiagramState> states = new LinkedHashMap<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private final Set<String> unreadNames = new LinkedHashSet<>();
    private final Set<String> unreadLeadingOut = new LinkedHashSet<>();
    private final Set<String> untyped = new LinkedHashSet<>();
    private boolean unreadStart;
    private Token title;
    private Token header;

    private DiagramParser(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Parses one diagram file, reporting problems to {@code reporter}. */
    public static ParsedDiagram parse(String text, Reporter reporter) {
        DiagramParser parser = new DiagramParser(reporter);
        parser.read(lines(text));
        return new ParsedDiagram(Optional.ofNullable(parser.title), Optional.ofNullable(parser.header),
                parser.states, parser.arrows, new Unreadable(parser.unreadNames, parser.unreadLeadingOut,
                        parser.untyped, parser.unreadStart));
    }

    private static List<String> lines(String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = new ArrayList<>(List.of(withoutBom.split("\r\n|\r|\n", -1)));
        return lines;
    }

    private void read(List<String> lines) {
        int index = 0;
        while (index < lines.size() && lines.get(index).isBlank()) {
            index++;
        }
        if (index < lines.size() && lines.get(index).strip().equals("---")) {
            index = readFrontMatter(lines, index);
        } else {
            reporter.error(index < lines.size() ? index + 1 : 1, 1,
                    "missing front matter: start the file with '---', 'title: <workflow name>', '---'");
        }
        readBody(lines, index);
    }

    /** Returns the index of the first line after the closing {@code ---}. */
    private int readFrontMatter(List<String> lines, int open) {
        for (int i = open + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("---")) {
                if (title == null) {
                    reporter.error(open + 1, 1, "front matter has no title: add 'title: <workflow name>'");
                }
                return i + 1;
            }
            Matcher key = FRONT_MATTER_KEY.matcher(line);
            if (key.matches() && key.group("key").equals("title")) {
                String value = yamlScalar(key.group("value"));
                if (value.isEmpty()) {
                    reporter.error(i + 1, key.start("key") + 1, "the title is empty: write 'title: <workflow name>'");
                } else {
                    title = new Token(value, i + 1, key.start("value") + 1);
                }
            }
        }
        reporter.error(open + 1, 1, "front matter is not closed: add a line '---' after it");
        return lines.size();
    }

    private static String yamlScalar(String raw) {
        String value = raw.strip();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            int close = value.indexOf(value.charAt(0), 1);
            if (close > 0) {
                return value.substring(1, close).strip();
            }
        }
        int comment = value.indexOf(" #");
        return (comment >= 0 ? value.substring(0, comment) : value).strip();
    }

    private void readBody(List<String> lines, int start) {
        Block block = Block.NONE;
        int depth = 0;
        for (int i = start; i < lines.size(); i++) {
            String raw = withoutComment(lines.get(i));
            String statement = raw.strip();
            if (statement.isEmpty()) {
                continue;
            }
            int line = i + 1;
            int column = raw.indexOf(statement.charAt(0)) + 1;
            switch (block) {
                case NOTE -> {
                    if (statement.equalsIgnoreCase("end note")) {
                        block = Block.NONE;
                    }
                }
                case ACC_DESCR -> {
                    if (statement.contains("}")) {
                        block = Block.NONE;
                    }
                }
                case COMPOSITE -> {
                    depth += braceBalance(statement);
                    if (depth <= 0) {
                        block = Block.NONE;
                    }
                }
                case NONE -> {
                    if (header == null) {
                        readHeader(statement, line, column);
                    } else {
                        block = readStatement(new Token(statement, line, column));
                        depth = block == Block.COMPOSITE ? 1 : 0;
                    }
                }
            }
        }
        if (header == null) {
            reporter.error(Math.min(start + 1, Math.max(1, lines.size())), 1,
                    "no diagram body: add a 'stateDiagram-v2' line followed by the diagram's states and arrows");
        } else if (block == Block.NOTE) {
            reporter.error(header, "a multi-line note is not closed: add 'end note'");
        } else if (block == Block.COMPOSITE) {
            reporter.error(header, "a composite state is not closed: add '}'");
        }
    }

    private void readHeader(String statement, int line, int column) {
        String keyword = statement.split("\\s+", 2)[0];
        if (keyword.equals("stateDiagram-v2") || keyword.equals("stateDiagram")) {
            header = new Token(keyword, line, column);
            if (!statement.equals(keyword)) {
                reporter.error(line, column + keyword.length() + 1,
                        "unexpected text after " + keyword + ": start the diagram's statements on the next line");
            }
        } else {
            // Mark the body as started so the rest of the file is still checked.
            header = new Token(keyword, line, column);
            reporter.error(line, column, "expected 'stateDiagram-v2' or 'stateDiagram', found '" + keyword
                    + "': a workflow is a Mermaid state diagram");
        }
    }

    private Block readStatement(Token statement) {
        String text = statement.text();
        if (text.equals("--")) {
            reporter.error(statement, "concurrency ('--') is not supported yet: remove the separator");
            return Block.NONE;
        }
        if (text.equals("}")) {
            reporter.error(statement, "unexpected '}': there is no open composite state");
            return Block.NONE;
        }
        if (DIRECTION.matcher(text).matches() || STYLING.matcher(text).matches()
                || ACC_LINE.matcher(text).matches() || NOTE_LINE.matcher(text).matches()
                || FLOATING_NOTE.matcher(text).matches()) {
            return Block.NONE;
        }
        Matcher accBlock = ACC_BLOCK.matcher(text);
        if (accBlock.matches()) {
            return accBlock.group("rest").contains("}") ? Block.NONE : Block.ACC_DESCR;
        }
        if (NOTE_BLOCK.matcher(text).matches()) {
            return Block.NOTE;
        }
        if (text.startsWith("state ") || text.startsWith("state\t")) {
            return readStateDeclaration(statement);
        }
        Matcher arrow = ARROW.matcher(text);
        if (arrow.matches()) {
            readArrow(statement, arrow);
            return Block.NONE;
        }
        Matcher bare = BARE_STATE.matcher(text);
        if (bare.matches()) {
            mention(statement.at(bare.start("name"), bare.group("name")));
            return Block.NONE;
        }
        LineScan scan = unreadable(text);
        Optional<String> arrowFix = scan.arrow().filter(fix -> ARROW.matcher(fix).matches());
        if (arrowFix.isPresent()) {
            reporter.error(statement, "cannot read '" + abbreviate(text) + "': write the arrow as '"
                    + abbreviate(arrowFix.get()) + "'");
        } else {
            reporter.error(statement, "cannot read '" + abbreviate(text) + "': expected an arrow ('a --> b'), "
                    + "a state ('state c <<choice>>'), a description ('a : text'), a note, a comment ('%%') "
                    + "or a styling line");
        }
        return Block.NONE;
    }

    private Block readStateDeclaration(Token statement) {
        String text = statement.text();
        Matcher state = STATE_WITH_DESCRIPTION.matcher(text);
        if (!state.matches()) {
            state = STATE.matcher(text);
        }
        if (!state.matches()) {
            reporter.error(statement, "cannot read state declaration '" + abbreviate(text)
                    + "': write 'state name', 'state name <<choice>>' or 'state \"Description\" as name'");
            unreadable(text);
            return Block.NONE;
        }
        Token name = statement.at(state.start("name"), state.group("name"));
        String rest = state.group("rest");
        Token restToken = statement.at(state.start("rest"), rest);
        if (rest.isEmpty() || rest.startsWith(":")) {
            mention(name);
            return Block.NONE;
        }
        if (rest.startsWith("{")) {
            declare(name, StateKind.COMPOSITE, statement);
            reporter.error(statement, "composite state " + name.text() + " ('state " + name.text()
                    + " { … }') is not supported yet: draw its states at the top level");
            return rest.strip().endsWith("}") && braceBalance(rest) == 0 ? Block.NONE : Block.COMPOSITE;
        }
        Matcher stereotype = STEREOTYPE.matcher(rest);
        if (!stereotype.matches()) {
            reporter.error(restToken, "cannot read '" + abbreviate(rest) + "' after state " + name.text()
                    + ": expected <<choice>>, <<fork>> or <<join>>");
            mention(name);
            unreadable(text);
            return Block.NONE;
        }
        String type = (stereotype.group("a") != null ? stereotype.group("a") : stereotype.group("b"))
                .toLowerCase(Locale.ROOT);
        StateKind kind;
        switch (type) {
            case "choice" -> kind = StateKind.CHOICE;
            case "fork" -> kind = StateKind.FORK;
            case "join" -> kind = StateKind.JOIN;
            default -> {
                reporter.error(restToken, "unknown state type '" + rest.strip() + "' for state " + name.text()
                        + ": use <<choice>>, <<fork>> or <<join>>");
                mention(name);
                unreadable(text);
                return Block.NONE;
            }
        }
        declare(name, kind, statement);
        return stereotype.group("brace") != null ? Block.COMPOSITE : Block.NONE;
    }

    private void readArrow(Token statement, Matcher arrow) {
        Token from = statement.at(arrow.start("from"), arrow.group("from"));
        Token to = statement.at(arrow.start("to"), arrow.group("to"));
        Optional<Token> label = Optional.empty();
        String rawLabel = arrow.group("label");
        if (rawLabel != null && !rawLabel.isBlank()) {
            int lead = rawLabel.indexOf(rawLabel.strip().charAt(0));
            label = Optional.of(statement.at(arrow.start("label") + lead, rawLabel.strip()));
        }
        if (!from.text().equals(Arrow.TERMINAL)) {
            mention(from);
        }
        if (!to.text().equals(Arrow.TERMINAL)) {
            mention(to);
        }
        arrows.add(new Arrow(from, to, label));
    }

    /** Keeps what an unreadable line may say about states, so the validator can leave out what it explains. */
    private LineScan unreadable(String text) {
        LineScan scan = LineScan.of(text);
        unreadNames.addAll(scan.names());
        unreadLeadingOut.addAll(scan.leadingOut());
        untyped.addAll(scan.untyped());
        unreadStart |= scan.fromStart();
        return scan;
    }

    private void mention(Token name) {
        states.putIfAbsent(name.text(), new DiagramState(name, StateKind.STEP, name));
    }

    private void declare(Token name, StateKind kind, Token declaration) {
        DiagramState known = states.get(name.text());
        if (known == null) {
            states.put(name.text(), new DiagramState(name, kind, declaration));
        } else if (known.kind() == StateKind.STEP) {
            states.put(name.text(), new DiagramState(known.name(), kind, declaration));
        } else if (known.kind() != kind) {
            reporter.error(declaration, "state " + name.text() + " is declared again with another type (first at line "
                    + known.declaration().line() + ")");
        }
    }

    /** Drops a {@code %%} comment, unless it is inside double quotes. */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '%' && line.charAt(i + 1) == '%') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static int braceBalance(String text) {
        int balance = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                balance++;
            } else if (text.charAt(i) == '}') {
                balance--;
            }
        }
        return balance;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** Multi-line constructs whose inner lines are skipped. */
    private enum Block {
        NONE,
        NOTE,
        ACC_DESCR,
        COMPOSITE
    }
}
