package io.gamgee.maven;

import io.gamgee.compiler.CompilationResult;
import io.gamgee.compiler.Diagnostic;
import io.gamgee.compiler.DiagramSource;
import io.gamgee.compiler.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The work of the {@code generate} goal, without Maven: compiles every changed diagram into its
 * base class, keeps unchanged ones as they are, deletes what removed diagrams produced, and
 * collects every problem before reporting.
 */
final class IncrementalGeneration {

    private final Function<DiagramSource, CompilationResult> compiler;
    private final BuildLog log;

    /**
     * @param compiler compiles one diagram, normally {@code new DiagramCompiler()::compile}
     * @param log where progress and diagnostics go
     */
    IncrementalGeneration(Function<DiagramSource, CompilationResult> compiler, BuildLog log) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.log = Objects.requireNonNull(log, "log");
    }

    GenerateReport generate(GenerateRequest request) {
        DigestCache cache = DigestCache.load(request.cacheFile());
        List<DiagramFile> diagrams;
        if (Files.isDirectory(request.sourceDirectory())) {
            diagrams = new DiagramFinder(request.includes(), request.excludes()).find(request.sourceDirectory());
        } else {
            log.info("No diagrams: " + DiagramFile.display(request.baseDirectory(), request.sourceDirectory())
                    + " does not exist");
            diagrams = List.of();
        }

        Problems problems = new Problems();
        List<Outcome> outcomes = new ArrayList<>();
        for (DiagramFile diagram : diagrams) {
            outcomes.add(compile(diagram, request, cache, problems));
        }
        rejectSharedOutputs(outcomes, problems);

        Set<String> kept = new HashSet<>();
        outcomes.stream().filter(Outcome::hasOutputs).forEach(o -> kept.addAll(o.outputs()));
        int upToDate = 0;
        int generated = 0;
        for (Outcome outcome : outcomes) {
            String key = outcome.diagram().sourcePath();
            DigestCache.Entry previous = cache.get(key);
            switch (outcome.status()) {
                case FAILED:
                    // a broken diagram keeps no stale class and is compiled again next time
                    deleteOutputs(request.outputDirectory(), previous, kept);
                    cache.remove(key);
                    break;
                case UP_TO_DATE:
                    upToDate++;
                    break;
                case GENERATED:
                    for (GeneratedFile file : outcome.files()) {
                        writeIfChanged(request.outputDirectory().resolve(file.relativePath()), file.content());
                    }
                    deleteOutputs(request.outputDirectory(), previous, kept);
                    cache.put(key, new DigestCache.Entry(outcome.digest(), outcome.outputs()));
                    generated++;
                    break;
                default:
                    throw new IllegalStateException(outcome.status().name());
            }
        }
        int removed = removeVanished(diagrams, request.outputDirectory(), cache, kept);
        cache.saveIfChanged();

        log.info(Problems.count(upToDate, "diagram") + " up to date, " + generated + " generated"
                + (removed > 0 ? ", " + Problems.count(removed, "removed diagram") + " cleaned up" : ""));
        return new GenerateReport(upToDate, generated, removed, problems.errors(), problems.summary());
    }

    private Outcome compile(DiagramFile diagram, GenerateRequest request, DigestCache cache, Problems problems) {
        DiagramFile.Loaded loaded = diagram.load(request.baseDirectory());
        if (!loaded.isLoaded()) {
            problems.report(List.of(loaded.problem()), log);
            return Outcome.failed(diagram);
        }
        String digest = DigestCache.digest(request.generatorVersion(), loaded.text());
        DigestCache.Entry cached = cache.get(diagram.sourcePath());
        if (cached != null && cached.digest().equals(digest) && allExist(request.outputDirectory(), cached.outputs())) {
            log.debug(loaded.source().displayPath() + " is up to date");
            return Outcome.upToDate(diagram, loaded.source().displayPath(), digest, cached.outputs());
        }
        CompilationResult result;
        try {
            result = compiler.apply(loaded.source());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the diagram compiler failed on " + loaded.source().displayPath()
                    + " (a bug in Gamgee, please report it with the diagram): " + e, e);
        }
        problems.report(result.diagnostics(), log);
        if (result.hasErrors() || result.baseClass().isEmpty()) {
            return Outcome.failed(diagram);
        }
        log.debug("Generated " + result.baseClass().get().relativePath() + " from " + loaded.source().displayPath());
        return Outcome.generated(diagram, loaded.source().displayPath(), digest, List.of(result.baseClass().get()));
    }

    /** Two diagrams with the same title in one package would overwrite each other's class. */
    private void rejectSharedOutputs(List<Outcome> outcomes, Problems problems) {
        Map<String, Outcome> owners = new HashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (!outcome.hasOutputs()) {
                continue;
            }
            for (String output : outcome.outputs()) {
                Outcome owner = owners.putIfAbsent(output, outcome);
                if (owner != null && owner != outcome) {
                    Diagnostic clash = new Diagnostic(Diagnostic.Severity.ERROR, outcome.displayPath(), 1, 1,
                            "generates " + output + ", which " + owner.displayPath()
                                    + " generates too; give one of the diagrams another title");
                    problems.report(List.of(clash), log);
                    outcomes.set(i, Outcome.failed(outcome.diagram()));
                    break;
                }
            }
        }
    }

    private int removeVanished(List<DiagramFile> diagrams, Path outputDirectory, DigestCache cache, Set<String> kept) {
        Set<String> present = new HashSet<>();
        diagrams.forEach(d -> present.add(d.sourcePath()));
        int removed = 0;
        for (String cached : cache.diagrams()) {
            if (!present.contains(cached)) {
                deleteOutputs(outputDirectory, cache.get(cached), kept);
                cache.remove(cached);
                log.debug("Deleted the classes of removed diagram " + cached);
                removed++;
            }
        }
        return removed;
    }

    private static boolean allExist(Path outputDirectory, List<String> outputs) {
        return outputs.stream().allMatch(output -> Files.isRegularFile(outputDirectory.resolve(output)));
    }

    private static void deleteOutputs(Path outputDirectory, DigestCache.Entry entry, Set<String> kept) {
        if (entry == null) {
            return;
        }
        for (String output : entry.outputs()) {
            if (!kept.contains(output)) {
                try {
                    Files.deleteIfExists(outputDirectory.resolve(output));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + output + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Leaves an identical file untouched, so its timestamp does not make javac recompile it. */
    private static void writeIfChanged(Path file, String content) {
        try {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return;
            }
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** What became of one diagram in this run. */
    private record Outcome(
            DiagramFile diagram, Status status, String displayPath, String digest,
            List<GeneratedFile> files, List<String> outputs) {

        enum Status { UP_TO_DATE, GENERATED, FAILED }

        static Outcome failed(DiagramFile diagram) {
            return new Outcome(diagram, Status.FAILED, null, null, List.of(), List.of());
        }

        static Outcome upToDate(DiagramFile diagram, String displayPath, String digest, List<String> outputs) {
            return new Outcome(diagram, Status.UP_TO_DATE, displayPath, digest, List.of(), outputs);
        }

        static Outcome generated(DiagramFile diagram, String displayPath, String digest, List<GeneratedFile> files) {
            List<String> outputs = files.stream().map(GeneratedFile::relativePath).toList();
            return new Outcome(diagram, Status.GENERATED, displayPath, digest, files, outputs);
        }

        boolean hasOutputs() {
            return status != Status.FAILED;
        }
    }
}
