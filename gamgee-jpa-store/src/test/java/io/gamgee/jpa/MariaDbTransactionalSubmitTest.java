package io.gamgee.jpa;

/** Submits in the application's transaction, on MariaDb. */
class MariaDbTransactionalSubmitTest extends TransactionalSubmitContract {

    @Override
    String url() {
        Databases.mariadb();
        return "jdbc:mariadb://127.0.0.1:3306/" + Databases.SCHEMA;
    }

    @Override
    String user() {
        return "root";
    }
}
