package io.gamgee.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

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
public class GenerateMojo extends AbstractGenerateMojo {

    /** The folder that holds the diagrams. The folders below it are the Java packages of the generated classes. */
    @Parameter(property = "gamgee.sourceDirectory", defaultValue = "${project.basedir}/src/main/mermaid", required = true)
    private File sourceDirectory;

    /** Where the generated base classes go. The folder is added to the project's compile source roots. */
    @Parameter(property = "gamgee.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/gamgee", required = true)
    private File outputDirectory;

    /** The digest cache that lets unchanged diagrams be skipped; delete it to regenerate everything. */
    @Parameter(defaultValue = "${project.build.directory}/gamgee/digests.properties", required = true)
    private File digestCache;

    @Override
    File sourceDirectory() {
        return sourceDirectory;
    }

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    File digestCache() {
        return digestCache;
    }

    @Override
    void addSourceRoot(String directory) {
        project.addCompileSourceRoot(directory);
    }
}
