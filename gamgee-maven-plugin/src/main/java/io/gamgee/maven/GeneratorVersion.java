package io.gamgee.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies the code generator for the digest cache. A release is identified by its version; a
 * snapshot's version stays the same while its generator changes, so a snapshot is identified by the
 * content of the compiler jar as well, and a rebuilt compiler regenerates every diagram.
 */
final class GeneratorVersion {

    private GeneratorVersion() {
    }

    /**
     * @param pluginVersion the plugin's version
     * @param compilerLocation the jar (or class folder) the diagram compiler was loaded from
     */
    static String of(String pluginVersion, Path compilerLocation) {
        if (!pluginVersion.endsWith("-SNAPSHOT") || compilerLocation == null || !Files.isRegularFile(compilerLocation)) {
            return pluginVersion;
        }
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(compilerLocation), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + compilerLocation + ": " + e.getMessage(), e);
        }
        return pluginVersion + "@" + HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
