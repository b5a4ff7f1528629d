package io.gamgee.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pool of the zero-configuration store: an H2 file database in a directory. */
final class EmbeddedH2 {

    /**
     * H2 settings of the embedded database; see {@code SCHEMA.md}, "The embedded H2 file", for what
     * they cost in file size and why H2's online compaction is not among them.
     */
    static final String SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=1000;DEFRAG_ALWAYS=TRUE;DB_CLOSE_ON_EXIT=FALSE";

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
        // JVM would lose transitions it had reported as done. It also stops H2's background writer,
        // which is what compacts the file while the database is open, so the file grows by every
        // chunk that still holds a live page until the database closes.
        // RETENTION_TIME=1000: H2 otherwise keeps chunks that no commit needs any more for 45 seconds
        // before it writes over them, which at a few thousand commits a second is gigabytes of file.
        // A killed JVM still reopens at its last commit (each commit is a new chunk, and H2 falls
        // back to the newest complete one); the window only guards against a disk that reorders
        // writes across a power failure. Not 0: together with the 0 versions to keep that H2 sets,
        // that has been reported to reuse a chunk's space while the file still lists the chunk
        // (h2database#2752).
        // DEFRAG_ALWAYS=TRUE: when the last connection closes, H2 copies the live data into a new
        // file and replaces the old one, so a closed store is as small as its rows. It also skips
        // H2 2.3.232's time-boxed compaction at close (MAX_COMPACT_TIME), which rewrites chunks in
        // place and can lose rows (h2database#4247, fixed in 2.4.240).
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under workers that
        // are still draining; the database closes when the store closes its pool instead.
        config.setJdbcUrl("jdbc:h2:file:" + directory.resolve("gamgee") + SETTINGS);
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
