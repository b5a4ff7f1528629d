package io.gamgee.jpa;

/** Submits in the application's transaction, on H2. */
class H2TransactionalSubmitTest extends TransactionalSubmitContract {

    @Override
    String url() {
        return "jdbc:h2:file:" + java.nio.file.Path.of("target", "h2-transactions", "app").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    @Override
    String user() {
        return "sa";
    }
}
