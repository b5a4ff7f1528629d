package io.gamgee.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources held in memory with the system compiler, against the test class path (gamgee-core). */
final class JavaSources {

    private JavaSources() {
    }

    /** One source: {@code path} like {@code com/example/Foo.java}. */
    record Source(String path, String content) {
        static Source of(GeneratedFile file) {
            return new Source(file.relativePath(), file.content());
        }
    }

    /** The outcome of one javac run. */
    record Result(boolean success, String errors, Path classes) {
        /** A class loader over the compiled classes and the test class path. */
        URLClassLoader classLoader() {
            try {
                return new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaSources.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Compiles all {@code sources} in one javac call into {@code output}. */
    static Result compile(List<Source> sources, Path output) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (Source source : sources) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + source.path()), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.content();
                }
            });
        }
        List<String> options = List.of("--release", "17", "-Xlint:all,-path,-processing", "-Werror",
                "-classpath", System.getProperty("java.class.path"), "-d", output.toString());
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean success = javac.getTask(null, files, diagnostics, options, null, units).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
                            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                    .map(d -> d.getSource() == null ? d.getMessage(Locale.ROOT)
                            : d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            return new Result(success, errors, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sources keyed by path. */
    static List<Source> of(Map<String, String> byPath) {
        return byPath.entrySet().stream().map(e -> new Source(e.getKey(), e.getValue())).toList();
    }
}
