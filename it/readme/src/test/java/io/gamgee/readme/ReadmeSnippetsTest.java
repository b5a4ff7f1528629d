package io.gamgee.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.gamgee.cdi.ReadmeConfiguration;
import io.gamgee.readme.Markdown.Block;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXParseException;

/**
 * Every fenced block of README.md and of the module READMEs users copy from is checked against the
 * code; a block the test has no rule for fails it. Each problem is reported as {@code file:line: …}.
 * See {@code it/readme/README.md} for the markers and what each kind of block is checked by.
 */
class ReadmeSnippetsTest {

    static final List<String> FILES = List.of(
            "README.md", "benchmarks/README.md", "chaos/README.md", "examples/order-fulfillment/README.md");

    static Path repository;
    static List<Block> blocks;

    @BeforeAll
    static void readTheMarkdown() throws IOException {
        repository = Path.of(System.getProperty("gamgee.repository", "../..")).toRealPath();
        blocks = new ArrayList<>();
        for (String file : FILES) {
            blocks.addAll(Markdown.blocks(repository, file));
        }
    }

    @Test
    void everyBlockIsCheckedOrExplicitlyLeftOut() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Block block : blocks) {
            String rule = rule(block);
            if (rule == null) {
                problems.add(block.where() + ": no rule checks this " + describe(block)
                        + " block: mark it with <!-- snippet: … --> (see it/readme/README.md)");
            } else {
                counts.merge(rule, 1, Integer::sum);
            }
        }
        System.out.println(blocks.size() + " blocks in " + FILES + ": " + counts);
        report(problems);
    }

    /** How a block is checked, or null when no rule applies. */
    static String rule(Block block) {
        return switch (block.language()) {
            case "java" -> switch (block.kind()) {
                case "declarations", "statements", "members" -> "java compiled (" + block.kind() + ")";
                case "generated" -> "java compared with the generated base";
                default -> null;
            };
            case "mermaid" -> switch (block.kind()) {
                case "diagram" -> "mermaid compiled";
                case "same-as" -> "mermaid equal to its file";
                default -> null;
            };
            case "properties" -> block.kind().equals("config") ? "properties loaded and found in their application" : null;
            case "xml" -> switch (block.kind()) {
                case "readme-pom" -> "xml: README's pom, built by it/getting-started readme-pom-builds";
                case "" -> "xml: pom fragment, built by it/getting-started readme-fragments-build";
                default -> null;
            };
            case "", "sh", "bash" -> switch (block.kind()) {
                case "" -> "commands checked against the build";
                case "curl" -> "curl commands sent to a running dashboard";
                case "output" -> "left out: output shown, not copied";
                default -> null;
            };
            default -> null;
        };
    }

    private static String describe(Block block) {
        return (block.language().isEmpty() ? "untagged" : block.language())
                + (block.kind().isEmpty() ? "" : " (" + block.kind() + ")");
    }

    @Test
    void curlCommandsAreAnsweredByARunningDashboard() throws Exception {
        List<Block> curls = new ArrayList<>(of("sh", "curl"));
        curls.addAll(of("", "curl"));
        report(CurlCommands.run(curls));
    }

    @Test
    void javaBlocksCompileAgainstTheLibraries(@TempDir Path work) throws IOException {
        List<String> problems = JavaSnippets.compile(repository, blocks, work);
        report(problems);
    }

    @Test
    void theGeneratedExcerptIsWhatThePluginGenerates() {
        List<String> problems = new ArrayList<>();
        for (Block block : of("java", "generated")) {
            problems.addAll(JavaSnippets.compareWithGenerated(repository, blocks, block));
        }
        report(problems);
    }

    @Test
    void diagramsShownAsFilesAreThoseFiles() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Block block : of("mermaid", "same-as")) {
            Path file = repository.resolve(block.file()).getParent().resolve(block.argument());
            if (!Files.isRegularFile(file)) {
                problems.add(block.where() + ": the diagram's file " + block.argument() + " does not exist");
            } else if (!Files.readString(file).equals(block.unindentedText())) {
                problems.add(block.where() + ": mermaid block differs from " + block.argument() + ": copy the file into the block");
            }
        }
        report(problems);
    }

    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s[#!]");
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `(gamgee\\.[^`]+)` \\|");

    @Test
    void propertiesBlocksAreWhatTheirApplicationLoads() throws IOException {
        List<Pattern> documentedKeys = documentedKeys();
        List<String> problems = new ArrayList<>();
        for (Block block : of("properties", "config")) {
            Properties properties = new Properties();
            properties.load(new StringReader(block.unindentedText()));
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key);
                String where = block.where(lineOfKey(block, key));
                Matcher comment = TRAILING_COMMENT.matcher(value);
                if (comment.find()) {
                    problems.add(where + ": properties block: the value of " + key + " is '" + value
                            + "': a .properties file has no end-of-line comments, so the comment would be part of"
                            + " the value; put it on a line of its own, starting with #");
                }
                if (key.startsWith("gamgee.") && documentedKeys.stream().noneMatch(p -> p.matcher(key).matches())) {
                    problems.add(where + ": properties block: " + key
                            + " is not a key of README's Configuration keys table, so Gamgee ignores it");
                }
            }
            try {
                ReadmeConfiguration.check(properties, Set.of("OrderWorkflow"));
            } catch (IllegalArgumentException invalid) {
                problems.add(block.where() + ": properties block: Gamgee's configuration rejects it: " + invalid.getMessage());
            }
            problems.addAll(theApplicationLoadsIt(block));
        }
        report(problems);
    }

    /** The application's configuration file begins with the block, word for word, and redefines none of it. */
    private static List<String> theApplicationLoadsIt(Block block) throws IOException {
        Path file = repository.resolve(block.argument());
        if (!Files.isRegularFile(file)) {
            return List.of(block.where() + ": properties block: its application's file " + block.argument() + " does not exist");
        }
        List<String> shown = block.unindentedText().lines().toList();
        List<String> loaded = Files.readAllLines(file);
        for (int i = 0; i < shown.size(); i++) {
            if (i >= loaded.size() || !loaded.get(i).equals(shown.get(i))) {
                return List.of(block.where(i) + ": properties block: " + block.argument()
                        + " must begin with this block as it stands, so that the application tests what README shows;"
                        + " its line " + (i + 1) + " is '" + (i < loaded.size() ? loaded.get(i) : "") + "', README's is '"
                        + shown.get(i) + "'");
            }
        }
        Properties rest = new Properties();
        rest.load(new StringReader(String.join("\n", loaded.subList(shown.size(), loaded.size()))));
        Properties readme = new Properties();
        readme.load(new StringReader(block.unindentedText()));
        List<String> problems = new ArrayList<>();
        for (String key : rest.stringPropertyNames()) {
            if (readme.containsKey(key)) {
                problems.add(block.where(lineOfKey(block, key)) + ": properties block: " + block.argument()
                        + " sets " + key + " again after README's block, so the application does not run README's value");
            }
        }
        return problems;
    }

    private static int lineOfKey(Block block, String key) {
        for (int i = 0; i < block.lines().size(); i++) {
            if (block.lines().get(i).strip().startsWith(key)) {
                return i;
            }
        }
        return 0;
    }

    private static List<Pattern> documentedKeys() throws IOException {
        List<Pattern> keys = new ArrayList<>();
        for (String line : Files.readAllLines(repository.resolve("README.md"))) {
            Matcher row = KEY_ROW.matcher(line);
            if (row.find()) {
                keys.add(Pattern.compile(Pattern.quote(row.group(1)).replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q")));
            }
        }
        assertThat(keys).as("README.md's Configuration keys table").isNotEmpty();
        return keys;
    }

    @Test
    void xmlBlocksAreWellFormedPomFragments() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            if (!block.language().equals("xml")) {
                continue;
            }
            try {
                String root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new org.xml.sax.InputSource(new StringReader(block.unindentedText())))
                        .getDocumentElement().getTagName();
                Set<String> expected = block.kind().equals("readme-pom") ? Set.of("project") : Set.of("dependency", "dependencyManagement");
                if (!expected.contains(root)) {
                    problems.add(block.where() + ": xml block: <" + root + "> is not a pom part readme-fragments-build can place;"
                            + " it takes " + expected);
                }
            } catch (SAXParseException malformed) {
                problems.add(block.where(malformed.getLineNumber() - 1) + ": xml block is not well-formed: " + malformed.getMessage());
            }
        }
        report(problems);
    }

    @Test
    void commandsNameModulesProfilesAndFilesThatExist() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            if (Set.of("", "sh", "bash").contains(block.language()) && block.kind().isEmpty()) {
                for (int i = 0; i < block.lines().size(); i++) {
                    String line = block.lines().get(i).replaceFirst("\\s+#.*$", "").strip();
                    for (String command : line.isEmpty() ? new String[0] : line.split("&&")) {
                        for (String problem : Commands.check(repository, command.strip().split("\\s+"))) {
                            problems.add(block.where(i) + ": command " + command.strip() + ": " + problem);
                        }
                    }
                }
            }
        }
        report(problems);
    }

    /** Fails with every problem, one per line, each starting with the file and line it is about. */
    static void report(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " README problem(s):\n" + String.join("\n", problems));
        }
    }

    static List<Block> of(String language, String kind) {
        return blocks.stream().filter(b -> b.language().equals(language) && b.kind().equals(kind)).toList();
    }

}
