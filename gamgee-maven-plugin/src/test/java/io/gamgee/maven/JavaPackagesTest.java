package io.gamgee.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaPackagesTest {

    @Test
    void foldersBelowTheSourceDirectoryAreThePackage() {
        assertThat(JavaPackages.packageOf("com/example/orders/order.mermaid")).isEqualTo("com.example.orders");
    }

    @Test
    void aDiagramAtTheTopIsInTheDefaultPackage() {
        assertThat(JavaPackages.packageOf("order.mermaid")).isEmpty();
        assertThat(JavaPackages.problemWith("order.mermaid")).isEmpty();
    }

    @Test
    void validFoldersHaveNoProblem() {
        assertThat(JavaPackages.problemWith("com/example_2/order.mermaid")).isEmpty();
    }

    @Test
    void aFolderThatIsNoIdentifierIsNamed() {
        assertThat(JavaPackages.problemWith("com/my-flows/order.mermaid"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("folder 'my-flows' cannot be part of a Java package"));
    }

    @Test
    void aFolderThatIsAKeywordIsNamed() {
        assertThat(JavaPackages.problemWith("com/class/order.mermaid"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("folder 'class' is a Java keyword"));
    }
}
