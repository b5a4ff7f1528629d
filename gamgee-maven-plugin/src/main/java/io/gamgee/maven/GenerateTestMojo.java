package io.gamgee.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Does what {@code generate} does for diagrams that only tests use: {@code src/test/mermaid}
 * becomes base classes in the test sources, so test workflows are compiled from diagrams too.
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public class GenerateTestMojo extends AbstractGenerateMojo {

    /** The folder that holds the diagrams. The folders below it are the Java packages of the generated classes. */
    @Parameter(property = "gamgee.testSourceDirectory", defaultValue = "${project.basedir}/src/test/mermaid", required = true)
    private File sourceDirectory;

    /** Where the generated base classes go. The folder is added to the project's test source roots. */
    @Parameter(property = "gamgee.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/gamgee", required = true)
    private File outputDirectory;

    /** The digest cache that lets unchanged diagrams be skipped; delete it to regenerate everything. */
    @Parameter(defaultValue = "${project.build.directory}/gamgee/test-digests.properties", required = true)
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
        project.addTestCompileSourceRoot(directory);
    }
}
