package io.gamgee.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pool of the zero-configuration store: an H2 file database in a directory. */
final class EmbeddedH2 {

    private EmbeddedH2() {
    }

    static HikariDataSource pool(Path dir, int size) {
        Path directory = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Gamgee H2 directory " + directory, e);
        }
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: H2 otherwise writes commits to the file up to a second later, and a killed
        // JVM would lose transitions it had reported as done.
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under workers that
        // are still draining; the database closes when the store closes its pool instead.
        config.setJdbcUrl("jdbc:h2:file:" + directory.resolve("gamgee") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setPoolName("gamgee-h2");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        // Fail on the first call rather than while the store is being built, like the other entry points.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
