package io.gamgee.benchmarks.harness;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts the commits and the round trips of the work done through a {@link #wrap wrapped}
 * {@link DataSource}, by proxies over its connections and their statements. The counts follow the
 * JDBC calls, not the wire, so they are the same on every database:
 *
 * <ul>
 *   <li>a <b>commit</b> is a {@link Connection#commit()}, a statement that can write executed in
 *       auto-commit mode (it commits on its own; {@code executeBatch} is one), and a switch back to
 *       auto-commit with writes not yet committed (which commits them). A statement can write unless it
 *       is run by {@code executeQuery} and its SQL is a read ({@link #queryCanWrite}): an {@code UPDATE
 *       … RETURNING} run by {@code executeQuery} commits, and {@code execute} always counts.</li>
 *   <li>a <b>round trip</b> is a call that waits for the database: each statement execution
 *       ({@code executeBatch} is one), {@code commit}, {@code rollback}, setting or releasing a
 *       savepoint, {@code setTransactionIsolation}, {@code isValid}, and {@code setAutoCommit} when it
 *       changes the mode, except where {@linkplain #JdbcCounter(boolean) the driver sends nothing for it}:
 *       pgjdbc sends the {@code BEGIN} of {@code setAutoCommit(false)} with the next statement and
 *       nothing for {@code setAutoCommit(true)} after a commit. Preparing a statement is not counted (pgjdbc, the
 *       MariaDB driver with its default client-side preparation and embedded H2 send nothing), nor is
 *       reading a result set (the default fetch sizes bring it with its statement's reply).</li>
 * </ul>
 *
 * <p>The counters are {@link LongAdder}s, so the threads of a pool do not contend on them. A
 * connection is used by one thread at a time, so its auto-commit state is a plain field.
 */
public final class JdbcCounter {

    private final LongAdder commits = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();
    private final boolean switchesAreLocal;

    /** A counter for a driver that sends something for every change of the auto-commit mode. */
    public JdbcCounter() {
        this(false);
    }

    /**
     * @param switchesAreLocal whether the driver sends nothing of its own for {@code setAutoCommit}
     *     (pgjdbc: the {@code BEGIN} goes with the next statement, and switching back after a commit
     *     sends nothing), so that the switches are not round trips
     */
    public JdbcCounter(boolean switchesAreLocal) {
        this.switchesAreLocal = switchesAreLocal;
    }

    /** The data source whose connections count into this counter; everything else passes through. */
    public DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(JdbcCounter.class.getClassLoader(), new Class<?>[] {DataSource.class},
                new DataSourceHandler(target));
    }

    /** Sets both counts to zero. Call it while nothing runs on the wrapped data source. */
    public void reset() {
        commits.reset();
        roundTrips.reset();
    }

    /** Commits since the last {@link #reset()}. */
    public long commits() {
        return commits.sum();
    }

    /** Round trips since the last {@link #reset()}. */
    public long roundTrips() {
        return roundTrips.sum();
    }

    /**
     * Whether SQL run by {@code executeQuery} can write: anything but a {@code SELECT} (other than one
     * over H2's {@code FINAL}, {@code NEW} or {@code OLD TABLE} of a change), {@code VALUES}, {@code SHOW}
     * or a {@code WITH} that names no {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code MERGE}.
     */
    static boolean queryCanWrite(String sql) {
        if (sql == null) {
            return false;
        }
        int i = 0;
        while (i < sql.length() && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(')) {
            i++;
        }
        String start = sql.substring(i, Math.min(sql.length(), i + 6)).toUpperCase(Locale.ROOT);
        if (start.startsWith("VALUES") || start.startsWith("SHOW")) {
            return false;
        }
        String all = sql.toUpperCase(Locale.ROOT);
        if (start.startsWith("SELECT")) {
            return all.contains("FINAL TABLE") || all.contains("NEW TABLE") || all.contains("OLD TABLE");
        }
        if (start.startsWith("WITH")) {
            return all.contains("INSERT") || all.contains("UPDATE") || all.contains("DELETE") || all.contains("MERGE");
        }
        return true;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** {@code equals}, {@code hashCode} and {@code toString} of a proxy, or {@code null} for any other method. */
    private static Object objectMethod(Object proxy, Object target, Method method, Object[] args) {
        if (method.getDeclaringClass() != Object.class) {
            return null;
        }
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "counted " + target;
        };
    }

    private final class DataSourceHandler implements InvocationHandler {
        private final DataSource target;

        DataSourceHandler(DataSource target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object own = objectMethod(proxy, target, method, args);
            if (own != null) {
                return own;
            }
            Object result = call(target, method, args);
            if (method.getName().equals("getConnection")) {
                Connection connection = (Connection) result;
                return Proxy.newProxyInstance(JdbcCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
                        new ConnectionHandler(connection));
            }
            return result;
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;
        private boolean autoCommit;
        /** A statement that can write ran since the last commit or rollback, outside auto-commit. */
        private boolean uncommittedWrites;

        ConnectionHandler(Connection target) throws SQLException {
            this.target = target;
            this.autoCommit = target.getAutoCommit();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object own = objectMethod(proxy, target, method, args);
            if (own != null) {
                return own;
            }
            switch (method.getName()) {
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    Statement statement = (Statement) call(target, method, args);
                    String sql = method.getName().equals("createStatement") ? null : (String) args[0];
                    Class<?> type = method.getName().equals("prepareCall") ? CallableStatement.class
                            : method.getName().equals("prepareStatement") ? PreparedStatement.class : Statement.class;
                    return Proxy.newProxyInstance(JdbcCounter.class.getClassLoader(), new Class<?>[] {type},
                            new StatementHandler(statement, this, (Connection) proxy, sql));
                }
                case "setAutoCommit" -> {
                    boolean to = (Boolean) args[0];
                    try {
                        return call(target, method, args);
                    } finally {
                        if (to != autoCommit) {
                            if (!switchesAreLocal || (to && uncommittedWrites)) {
                                roundTrips.increment();
                            }
                            if (to && uncommittedWrites) {
                                // switching back to auto-commit commits the open transaction
                                commits.increment();
                            }
                            uncommittedWrites = false;
                            autoCommit = to;
                        }
                    }
                }
                case "commit" -> {
                    roundTrips.increment();
                    Object result = call(target, method, args);
                    commits.increment();
                    uncommittedWrites = false;
                    return result;
                }
                case "rollback" -> {
                    roundTrips.increment();
                    if (args == null) {
                        uncommittedWrites = false;
                    }
                    return call(target, method, args);
                }
                case "setSavepoint", "releaseSavepoint", "setTransactionIsolation", "isValid" -> {
                    roundTrips.increment();
                    return call(target, method, args);
                }
                default -> {
                    return call(target, method, args);
                }
            }
        }

        /** A statement ran; {@code writes} if it can write and succeeded. */
        void executed(boolean writes) {
            roundTrips.increment();
            if (writes) {
                if (autoCommit) {
                    commits.increment();
                } else {
                    uncommittedWrites = true;
                }
            }
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final ConnectionHandler connection;
        private final Connection connectionProxy;
        /** The prepared SQL, or {@code null} for a plain statement (whose SQL comes with each execute). */
        private final String preparedSql;

        StatementHandler(Statement target, ConnectionHandler connection, Connection connectionProxy, String preparedSql) {
            this.target = target;
            this.connection = connection;
            this.connectionProxy = connectionProxy;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object own = objectMethod(proxy, target, method, args);
            if (own != null) {
                return own;
            }
            String name = method.getName();
            if (name.startsWith("execute")) {
                boolean writes = !name.equals("executeQuery")
                        || queryCanWrite(args != null && args.length > 0 ? (String) args[0] : preparedSql);
                Object result;
                try {
                    result = call(target, method, args);
                } catch (Throwable e) {
                    connection.executed(false);
                    throw e;
                }
                connection.executed(writes);
                return result;
            }
            if (name.equals("getConnection")) {
                return connectionProxy;
            }
            return call(target, method, args);
        }
    }
}
