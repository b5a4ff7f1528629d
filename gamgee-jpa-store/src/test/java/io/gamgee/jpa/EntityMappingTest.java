package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StepRecord;
import io.gamgee.jpa.entity.EventEntity;
import io.gamgee.jpa.entity.InstanceEntity;
import io.gamgee.jpa.entity.StepHistoryEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entities agree with the shipped schema (Hibernate's schema validation accepts every
 * database's script), and a store built on an application's persistence unit writes rows that the
 * application reads back as entities, a fork's parent and branches and a wait's events among them.
 */
class EntityMappingTest {

    @Test
    void entitiesMatchTheH2Schema(@TempDir Path dir) {
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            store.count(Query.all(), null);
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("gamgee") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (EntityManagerFactory units = validated(url, "sa")) {
            writeAndReadBack(units);
        }
    }

    @Test
    void entitiesMatchThePostgresSchema() {
        JpaStateStore.builder().dataSource(Databases.postgres()).createSchema(true).build().count(Query.all(), null);
        try (EntityManagerFactory units = validated(Databases.postgresUrl(), "postgres")) {
            writeAndReadBack(units);
        }
    }

    @Test
    void entitiesMatchTheMariaDbSchema() {
        JpaStateStore.builder().dataSource(Databases.mariadb()).createSchema(true).build().count(Query.all(), null);
        try (EntityManagerFactory units = validated("jdbc:mariadb://127.0.0.1:3306/" + Databases.SCHEMA, "root")) {
            writeAndReadBack(units);
        }
    }

    /** A persistence unit with the store's entities, which fails to start if they disagree with the tables. */
    static EntityManagerFactory validated(String url, String user) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("gamgee-test")
                .property(PersistenceConfiguration.JDBC_URL, url)
                .property(PersistenceConfiguration.JDBC_USER, user)
                .property(PersistenceConfiguration.JDBC_PASSWORD, "")
                .property("hibernate.hbm2ddl.auto", "validate");
        for (Class<?> entity : JpaStateStore.entityClasses()) {
            configuration.managedClass(entity);
        }
        return Persistence.createEntityManagerFactory(configuration);
    }

    private static void writeAndReadBack(EntityManagerFactory units) {
        try (JpaStateStore store = JpaStateStore.create(units)) {
            String type = "Entity" + UUID.randomUUID().toString().replace("-", "");
            String id = type + "-1";
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            store.insert(new NewInstance(id, type, "first", "{\"n\":1}", now, null, "hash", now));
            Claim claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", now, now.plusSeconds(60))
                    .orElseThrow();
            store.complete(claim, new StepRecord(id, "first", 1, "w", now, now.plusMillis(3),
                    StepRecord.Outcome.COMPLETED, null, null));

            EntityManager entities = units.createEntityManager();
            try {
                InstanceEntity instance = entities.find(InstanceEntity.class, id);
                assertThat(instance.getStatus()).isEqualTo(InstanceStatus.COMPLETED);
                assertThat(instance.getVersion()).isEqualTo(2);
                assertThat(instance.getRunAfter()).isEqualTo(now);
                assertThat(instance.getPayload()).isEqualTo("{\"n\":1}");
                StepHistoryEntity step = entities.createQuery(
                        "select h from GamgeeStepHistory h where h.instanceId = :id", StepHistoryEntity.class)
                        .setParameter("id", id).getSingleResult();
                assertThat(step.getOutcome()).isEqualTo(StepRecord.Outcome.COMPLETED);
                assertThat(step.getFinishedAt()).isEqualTo(now.plusMillis(3));
            } finally {
                entities.close();
            }

            // a fork: the parent waits at its join for two branches, each a row naming it
            String forking = type + "-2";
            store.insert(new NewInstance(forking, type, "first", "{}", now, null, "hash", now));
            Claim parent = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", now, now.plusSeconds(60))
                    .orElseThrow();
            store.fork(parent, "merge", List.of(new NewBranch(NewBranch.idOf(forking, "a"), "a", "{}"),
                    new NewBranch(NewBranch.idOf(forking, "b"), "b", "{}")), "hash", null, new StepRecord(forking,
                            "first", 1, "w", now, now.plusMillis(1), StepRecord.Outcome.ADVANCED, "split", null), null)
                    .orElseThrow();
            entities = units.createEntityManager();
            try {
                InstanceEntity waiting = entities.find(InstanceEntity.class, forking);
                assertThat(waiting.getPendingBranches()).isEqualTo(2);
                assertThat(waiting.getFailedBranches()).isZero();
                assertThat(waiting.getParentId()).isNull();
                InstanceEntity second = entities.find(InstanceEntity.class, forking + "/b");
                assertThat(second.getParentId()).isEqualTo(forking);
                assertThat(second.getBranchIndex()).isEqualTo(1);
                assertThat(second.getStep()).isEqualTo("b");
            } finally {
                entities.close();
            }

            // a wait: one event kept before the instance got there, one that moved it on
            String waiting = type + "-3";
            store.insert(new NewInstance(waiting, type, "first", "{}", now, null, "hash", now));
            assertThat(store.deliver(new EventDelivery(waiting, type, "refunded", "evt-early", "{\"r\":1}",
                    Map.of("other", "refund"), null, now))).isEqualTo(SendResult.QUEUED);
            Claim atWait = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", now, now.plusSeconds(60))
                    .orElseThrow();
            store.await(atWait, "paid", "{\"kept\":1}", Map.of("captured", "ship"), null, "hash", null,
                    new StepRecord(waiting, "first", 1, "w", now, now.plusMillis(1), StepRecord.Outcome.ADVANCED,
                            "paid", null)).orElseThrow();
            assertThat(store.deliver(new EventDelivery(waiting, type, "captured", "evt-paid", "{\"p\":1}",
                    Map.of("paid", "ship"), "00-sender", now.plusMillis(2)))).isEqualTo(SendResult.DELIVERED);
            entities = units.createEntityManager();
            try {
                EventEntity kept = entities.find(EventEntity.class, new EventEntity.Key(waiting, "evt-early"));
                assertThat(kept.getEventName()).isEqualTo("refunded");
                assertThat(kept.getArrival()).isEqualTo(1);
                assertThat(kept.getConsumedAt()).isNull();
                EventEntity consumed = entities.find(EventEntity.class, new EventEntity.Key(waiting, "evt-paid"));
                assertThat(consumed.getArrival()).isEqualTo(2);
                assertThat(consumed.getPayload()).isEqualTo("{\"p\":1}");
                assertThat(consumed.getTraceContext()).isEqualTo("00-sender");
                assertThat(consumed.getReceivedAt()).isEqualTo(now.plusMillis(2));
                assertThat(consumed.getConsumedAt()).isEqualTo(now.plusMillis(2));
                assertThat(entities.find(InstanceEntity.class, waiting).getStep()).isEqualTo("ship");
            } finally {
                entities.close();
            }
        }
    }
}
