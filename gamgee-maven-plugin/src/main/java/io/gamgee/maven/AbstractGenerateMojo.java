package io.gamgee.maven;

import io.gamgee.compiler.DiagramCompiler;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What {@code generate} and {@code generate-test} share: everything but where the diagrams and classes live. */
abstract class AbstractGenerateMojo extends AbstractMojo {

    /**
     * Which files below {@code sourceDirectory} are diagrams, as Ant-style patterns ({@code **} for any folders,
     * {@code *} within a name). Defaults to {@code **}{@code /*.mermaid} and {@code **}{@code /*.mmd}.
     */
    @Parameter
    private List<String> includes = List.of("**/*.mermaid", "**/*.mmd");

    /** Files below {@code sourceDirectory} to leave out although {@code includes} selects them (Ant-style patterns). */
    @Parameter
    private List<String> excludes = List.of();

    /** Skips the goal: no classes are generated and none are added to the compile source roots. */
    @Parameter(property = "gamgee.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    private String pluginVersion;

    /** Where the diagram compiler was loaded from, to tell rebuilt snapshots apart; {@code null} if unknown. */
    private static Path compilerLocation() {
        try {
            CodeSource source = DiagramCompiler.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** The folder that holds the diagrams. */
    abstract File sourceDirectory();

    /** Where the generated classes go. */
    abstract File outputDirectory();

    /** The digest cache of this goal's diagrams. */
    abstract File digestCache();

    /** Makes the generated classes part of the build (main or test sources). */
    abstract void addSourceRoot(String directory);

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping diagram compilation (gamgee.skip)");
            return;
        }
        File sourceDirectory = sourceDirectory();
        File outputDirectory = outputDirectory();
        GenerateReport report;
        try {
            GenerateRequest request = new GenerateRequest(
                    project.getBasedir().toPath(),
                    sourceDirectory.toPath(),
                    includes,
                    excludes,
                    outputDirectory.toPath(),
                    digestCache().toPath(),
                    GeneratorVersion.of(pluginVersion, compilerLocation()));
            DiagramCompiler compiler = new DiagramCompiler();
            report = new IncrementalGeneration(compiler::compile, new MavenBuildLog(getLog())).generate(request);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (sourceDirectory.isDirectory()) {
            addSourceRoot(outputDirectory.getAbsolutePath());
        }
        if (report.failed()) {
            throw new MojoFailureException(report.summary());
        }
    }
}
