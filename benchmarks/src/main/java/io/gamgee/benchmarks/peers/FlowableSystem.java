package io.gamgee.benchmarks.peers;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Engine;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.SystemUnderTest;
import java.util.Map;
import java.util.Optional;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * Flowable, embedded: a BPMN process of three asynchronous service tasks with no-op delegates,
 * executed by the async executor's 4 threads.
 */
public final class FlowableSystem implements SystemUnderTest {

    private static final int POOL = 8;
    private static final int ACQUIRE_WAIT_MS = 100;
    private static final int JOBS_PER_ACQUISITION = 32;

    private static final String PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:flowable="http://flowable.org/bpmn"
                         targetNamespace="http://gamgee.io/benchmarks">
              <process id="threeSteps" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="a"/>
                <serviceTask id="a" flowable:async="true" flowable:delegateExpression="${noop}"/>
                <sequenceFlow id="f2" sourceRef="a" targetRef="b"/>
                <serviceTask id="b" flowable:async="true" flowable:delegateExpression="${noop}"/>
                <sequenceFlow id="f3" sourceRef="b" targetRef="c"/>
                <serviceTask id="c" flowable:async="true" flowable:delegateExpression="${last}"/>
                <sequenceFlow id="f4" sourceRef="c" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>
            """;

    @Override
    public String name() {
        return "Flowable";
    }

    @Override
    public String key() {
        return "flowable";
    }

    @Override
    public String version() {
        return "Flowable " + ProcessEngine.class.getPackage().getImplementationVersion();
    }

    @Override
    public Optional<String> unsupported(Database database) {
        return database == Database.MARIADB ? Optional.of("peers run on H2 and PostgreSQL only") : Optional.empty();
    }

    @Override
    public String settings(Database database) {
        return "3 async service tasks (delegateExpression), async executor core/max pool 4, acquire wait "
                + ACQUIRE_WAIT_MS + " ms, " + JOBS_PER_ACQUISITION + " jobs per acquisition, history level audit "
                + "(default), Hikari pool " + POOL;
    }

    @Override
    public Engine open(Database.Fresh database, LastStepSignal signal) {
        HikariDataSource pool = database.pool(POOL);
        try {
            StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
            configuration.setDataSource(pool);
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            configuration.setHistoryLevel(HistoryLevel.AUDIT);
            configuration.setAsyncExecutorActivate(false);
            configuration.setAsyncExecutorCorePoolSize(4);
            configuration.setAsyncExecutorMaxPoolSize(4);
            configuration.setAsyncExecutorDefaultAsyncJobAcquireWaitTime(ACQUIRE_WAIT_MS);
            configuration.setAsyncExecutorMaxAsyncJobsDuePerAcquisition(JOBS_PER_ACQUISITION);
            JavaDelegate noop = execution -> { };
            JavaDelegate last = execution -> signal.lastStepRan();
            configuration.setBeans(Map.of("noop", noop, "last", last));
            ProcessEngine engine = configuration.buildProcessEngine();
            engine.getRepositoryService().createDeployment().addString("three-steps.bpmn20.xml", PROCESS).deploy();
            return new FlowableEngine(engine, pool);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    private record FlowableEngine(ProcessEngine engine, HikariDataSource pool) implements Engine {

        @Override
        public String submit(int n) {
            return engine.getRuntimeService()
                    .startProcessInstanceByKey("threeSteps", "wf-" + n, Map.of("n", n))
                    .getId();
        }

        @Override
        public void startWorkers() {
            engine.getProcessEngineConfiguration().getAsyncExecutor().start();
        }

        @Override
        public long completedCount() {
            return engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count();
        }

        @Override
        public boolean isCompleted(String handle) {
            return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(handle).count() == 0;
        }

        @Override
        public void close() {
            engine.close();
            pool.close();
        }
    }
}
