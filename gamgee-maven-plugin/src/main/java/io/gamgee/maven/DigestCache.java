package io.gamgee.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Remembers, per diagram, the digest of what was last generated from it and which files that
 * produced, so an unchanged diagram is not compiled again and a removed one's files can be deleted.
 *
 * <p>Stored as a properties file keyed by the diagram's path below the source directory; the value
 * is the SHA-256 of the generator's version and the diagram's text, then the generated files' paths
 * below the output directory, separated by spaces (Java file paths have none).
 */
final class DigestCache {

    private final Path file;
    private final Map<String, Entry> entries;
    private boolean changed;

    private DigestCache(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Loads the cache; a missing or unreadable file is an empty cache, so everything is regenerated. */
    static DigestCache load(Path file) {
        Map<String, Entry> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                return new DigestCache(file, entries);
            }
            for (String key : properties.stringPropertyNames()) {
                Entry.parse(properties.getProperty(key)).ifPresent(entry -> entries.put(key, entry));
            }
        }
        return new DigestCache(file, entries);
    }

    /**
     * The digest a diagram's outputs are cached under: it changes when the diagram's text or the
     * generator changes.
     */
    static String digest(String generatorVersion, String diagramText) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(generatorVersion.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(diagramText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The entry of a diagram, or {@code null}. */
    Entry get(String sourcePath) {
        return entries.get(sourcePath);
    }

    Set<String> diagrams() {
        return Set.copyOf(entries.keySet());
    }

    void put(String sourcePath, Entry entry) {
        if (!entry.equals(entries.put(sourcePath, entry))) {
            changed = true;
        }
    }

    void remove(String sourcePath) {
        if (entries.remove(sourcePath) != null) {
            changed = true;
        }
    }

    /** Writes the cache if it changed; an unchanged cache keeps its timestamp. */
    void saveIfChanged() {
        if (!changed) {
            return;
        }
        Properties properties = new Properties();
        entries.forEach((key, entry) -> properties.setProperty(key, entry.format()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
            // Properties writes a date comment first; dropping it keeps the file reproducible
            String body = text.toString().lines()
                    .filter(line -> !line.startsWith("#"))
                    .sorted()
                    .collect(Collectors.joining("\n", "# gamgee-maven-plugin digest cache\n", "\n"));
            Files.createDirectories(file.getParent());
            Files.writeString(file, body, StandardCharsets.UTF_8);
            changed = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What was generated from one diagram.
     *
     * @param digest see {@link DigestCache#digest}
     * @param outputs generated files, relative to the output directory, with {@code /} separators
     */
    record Entry(String digest, List<String> outputs) {

        Entry {
            Objects.requireNonNull(digest, "digest");
            outputs = List.copyOf(outputs);
        }

        static java.util.Optional<Entry> parse(String value) {
            List<String> parts = Arrays.stream(value.trim().split(" +")).filter(s -> !s.isEmpty()).toList();
            return parts.isEmpty()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(new Entry(parts.get(0), parts.subList(1, parts.size())));
        }

        String format() {
            return outputs.isEmpty() ? digest : digest + " " + String.join(" ", outputs);
        }
    }
}
