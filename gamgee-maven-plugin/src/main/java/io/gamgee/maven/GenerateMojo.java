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
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles each Mermaid state diagram into an abstract Java base class, {@code <Title>WorkflowBase},
 * whose abstract methods (one per step) your implementation must provide.
 *
 * <p>The folder of a diagram below {@code sourceDirectory} is the package of its class:
 * {@code src/main/mermaid/com/example/order.mermaid} becomes {@code com.example.OrderWorkflowBase}.
 * Only diagrams that changed since the last build are compiled again. Every problem in every diagram
 * is reported, as {@code path:line:column: message}, before the build fails.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** The folder that holds the diagrams. The folders below it are the Java packages of the generated classes. */
    @Parameter(property = "gamgee.sourceDirectory", defaultValue = "${project.basedir}/src/main/mermaid", required = true)
    private File sourceDirectory;

    /**
     * Which files below {@code sourceDirectory} are diagrams, as Ant-style patterns ({@code **} for any folders,
     * {@code *} within a name). Defaults to {@code **}{@code /*.mermaid} and {@code **}{@code /*.mmd}.
     */
    @Parameter
    private List<String> includes = List.of("**/*.mermaid", "**/*.mmd");

    /** Files below {@code sourceDirectory} to leave out although {@code includes} selects them (Ant-style patterns). */
    @Parameter
    private List<String> excludes = List.of();

    /** Where the generated base classes go. The folder is added to the project's compile source roots. */
    @Parameter(property = "gamgee.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/gamgee", required = true)
    private File outputDirectory;

    /** The digest cache that lets unchanged diagrams be skipped; delete it to regenerate everything. */
    @Parameter(defaultValue = "${project.build.directory}/gamgee/digests.properties", required = true)
    private File digestCache;

    /** Skips the goal: no classes are generated and none are added to the compile source roots. */
    @Parameter(property = "gamgee.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping diagram compilation (gamgee.skip)");
            return;
        }
        GenerateReport report;
        try {
            GenerateRequest request = new GenerateRequest(
                    project.getBasedir().toPath(),
                    sourceDirectory.toPath(),
                    includes,
                    excludes,
                    outputDirectory.toPath(),
                    digestCache.toPath(),
                    GeneratorVersion.of(pluginVersion, compilerLocation()));
            DiagramCompiler compiler = new DiagramCompiler();
            report = new BaseClassGenerator(compiler::compile, new MavenBuildLog(getLog())).generate(request);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (sourceDirectory.isDirectory()) {
            project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        }
        if (report.failed()) {
            throw new MojoFailureException(report.summary());
        }
    }
}
