package io.gamgee.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a command README shows against the build: the modules {@code mvn -pl} names exist, its
 * {@code -P} profiles are defined in them or the root pom, a {@code java -jar} names the jar its module
 * builds. Running them is left to CI and to the invoker tests (see {@code it/readme/README.md}).
 */
final class Commands {

    private Commands() {
    }

    static List<String> check(Path repository, String[] words) throws IOException {
        List<String> problems = new ArrayList<>();
        switch (words[0]) {
            case "mvn" -> maven(repository, words, problems);
            case "java" -> java(repository, words, problems);
            case "cd", "bash" -> {
                // cd into a generated project; bash runs a script checked by the file's existence
                if (words[0].equals("bash") && !Files.isRegularFile(repository.resolve(words[1]))) {
                    problems.add("no file " + words[1]);
                }
            }
            default -> problems.add("not a command this test knows (mvn, java, cd, bash): mark the block"
                    + " <!-- snippet: output --> if it shows output");
        }
        return problems;
    }

    private static void maven(Path repository, String[] words, List<String> problems) throws IOException {
        List<Path> poms = new ArrayList<>(List.of(repository.resolve("pom.xml")));
        List<String> profiles = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (word.equals("-pl") && i + 1 < words.length) {
                for (String module : words[++i].split(",")) {
                    Path pom = repository.resolve(module).resolve("pom.xml");
                    if (Files.isRegularFile(pom)) {
                        poms.add(pom);
                    } else {
                        problems.add("-pl " + module + ": no such module (no " + repository.relativize(pom) + ")");
                    }
                }
            } else if (word.startsWith("-P")) {
                profiles.addAll(List.of((word.length() > 2 ? word.substring(2) : words[++i]).split(",")));
            }
        }
        for (String profile : profiles) {
            boolean defined = false;
            for (Path pom : poms) {
                defined |= Files.readString(pom).contains("<id>" + profile + "</id>");
            }
            if (!defined) {
                problems.add("-P" + profile + ": no such profile in " + poms.stream().map(repository::relativize).toList());
            }
        }
    }

    private static void java(Path repository, String[] words, List<String> problems) throws IOException {
        for (int i = 1; i < words.length - 1; i++) {
            if (words[i].equals("-jar")) {
                Path jar = Path.of(words[i + 1]);
                Path pom = repository.resolve(jar.getName(0)).resolve("pom.xml");
                String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
                if (!Files.isRegularFile(pom) || !Files.readString(pom).contains("<finalName>" + name + "</finalName>")) {
                    problems.add("-jar " + jar + ": " + repository.relativize(pom) + " does not build " + name + ".jar");
                }
            }
        }
    }
}
