package io.gamgee.maven;

import io.gamgee.compiler.DiagramCompiler;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Writes what each diagram's implementation still lacks into your Java sources: one
 * {@code <Step>Payload} record per step, one {@code <Step>Result} record per step that ends a
 * fork's branch, one {@code <Wait>Payload} record per wait (what an instance keeps while it waits),
 * and an implementation class whose step, merge and timeout methods throw
 * {@code UnsupportedOperationException} until you fill them in. An existing file is never
 * overwritten, so the goal is safe to run again after the diagram grows. Run it with
 * {@code mvn gamgee:scaffold}.
 */
@Mojo(name = "scaffold", requiresProject = true, threadSafe = true)
public class ScaffoldMojo extends AbstractMojo {

    /** The folder that holds the diagrams. The folders below it are the Java packages of the written classes. */
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

    /** Where payload, result and kept records and implementation skeletons are written: the project's main Java sources. */
    @Parameter(property = "gamgee.javaSourceDirectory", defaultValue = "${project.build.sourceDirectory}", required = true)
    private File javaSourceDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        ScaffoldRequest request = new ScaffoldRequest(
                project.getBasedir().toPath(),
                sourceDirectory.toPath(),
                includes,
                excludes,
                javaSourceDirectory.toPath());
        DiagramCompiler compiler = new DiagramCompiler();
        ScaffoldReport report;
        try {
            report = new Scaffolder(compiler::compile, compiler::scaffold, new MavenBuildLog(getLog())).scaffold(request);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (report.failed()) {
            throw new MojoFailureException(report.summary());
        }
    }
}
