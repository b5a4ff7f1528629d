package io.gamgee.maven;

import io.gamgee.compiler.CompilationResult;
import io.gamgee.compiler.Diagnostic;
import io.gamgee.compiler.DiagramSource;
import io.gamgee.compiler.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The work of the {@code scaffold} goal, without Maven: writes the payload, result and kept records and
 * implementation skeleton each valid diagram still lacks, and never touches an existing file.
 */
final class Scaffolder {

    private final Function<DiagramSource, CompilationResult> compiler;
    private final Function<DiagramSource, List<GeneratedFile>> scaffolds;
    private final BuildLog log;

    /**
     * @param compiler validates a diagram, normally {@code new DiagramCompiler()::compile}
     * @param scaffolds the files a valid diagram's implementation needs, normally
     *     {@code new DiagramCompiler()::scaffold}
     * @param log where progress and diagnostics go
     */
    Scaffolder(Function<DiagramSource, CompilationResult> compiler,
            Function<DiagramSource, List<GeneratedFile>> scaffolds, BuildLog log) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.scaffolds = Objects.requireNonNull(scaffolds, "scaffolds");
        this.log = Objects.requireNonNull(log, "log");
    }

    ScaffoldReport scaffold(ScaffoldRequest request) {
        List<Path> written = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        Problems problems = new Problems();
        if (!Files.isDirectory(request.sourceDirectory())) {
            log.warn("No diagrams to scaffold: "
                    + DiagramFile.display(request.baseDirectory(), request.sourceDirectory()) + " does not exist");
            return new ScaffoldReport(written, kept, problems.errors(), problems.summary());
        }
        List<DiagramFile> diagrams =
                new DiagramFinder(request.includes(), request.excludes()).find(request.sourceDirectory());
        for (DiagramFile diagram : diagrams) {
            DiagramFile.Loaded loaded = diagram.load(request.baseDirectory());
            if (!loaded.isLoaded()) {
                problems.report(List.of(loaded.problem()), log);
                continue;
            }
            CompilationResult result = compiler.apply(loaded.source());
            problems.report(result.diagnostics(), log);
            if (result.hasErrors()) {
                continue;
            }
            for (GeneratedFile file : scaffolds.apply(loaded.source())) {
                Path target = request.javaSourceDirectory().resolve(file.relativePath());
                String shown = DiagramFile.display(request.baseDirectory(), target);
                if (writeNew(target, file.content())) {
                    log.info("Wrote " + shown);
                    written.add(target);
                } else {
                    log.info("Kept " + shown + " (exists)");
                    kept.add(target);
                }
            }
        }
        log.info(Problems.count(written.size(), "file") + " written, " + kept.size() + " kept as they were");
        return new ScaffoldReport(written, kept, problems.errors(), problems.summary());
    }

    /** Creates the file only if it does not exist, atomically, so a user's file is never replaced. */
    private static boolean writeNew(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
