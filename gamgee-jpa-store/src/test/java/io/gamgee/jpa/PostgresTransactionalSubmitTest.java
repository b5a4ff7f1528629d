package io.gamgee.jpa;

/** Submits in the application's transaction, on Postgres. */
class PostgresTransactionalSubmitTest extends TransactionalSubmitContract {

    @Override
    String url() {
        Databases.postgres();
        return Databases.postgresUrl();
    }

    @Override
    String user() {
        return "postgres";
    }
}
