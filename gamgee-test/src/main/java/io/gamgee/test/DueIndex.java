package io.gamgee.test;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;

/**
 * The in-memory store's claim index: waiting instances without a lease (and not waiting for
 * branches), sorted by
 * {@code (runAfter, id)} per workflow type and step, and leased ones sorted by
 * {@code (leaseUntil, id)}. Expired leases move back to the waiting sets when a claim looks, so
 * picking a candidate costs O(k log n) for k type/step pairs, never a scan of the backlog.
 *
 * <p>Not thread-safe: the store guards it with its lock.
 */
final class DueIndex {

    private record Key(Instant at, String id) {
    }

    // a null id sorts after every id at the same instant, so Key(now, null) bounds "due at now"
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::at)
            .thenComparing(Key::id, Comparator.nullsLast(Comparator.naturalOrder()));

    private record Kind(String workflowType, String step) {
    }

    private final Map<Kind, NavigableSet<Key>> waiting = new HashMap<>();
    private final NavigableSet<Key> leased = new TreeSet<>(ORDER);
    private final Map<String, WorkflowInstance> leasedInstances = new HashMap<>();

    void add(WorkflowInstance instance) {
        if (!claimable(instance)) {
            return;
        }
        if (instance.leaseOwner() != null) {
            leased.add(new Key(instance.leaseUntil(), instance.instanceId()));
            leasedInstances.put(instance.instanceId(), instance);
        } else {
            waitingSet(instance).add(new Key(instance.runAfter(), instance.instanceId()));
        }
    }

    void remove(WorkflowInstance instance) {
        if (!claimable(instance)) {
            return;
        }
        if (instance.leaseUntil() != null && leased.remove(new Key(instance.leaseUntil(), instance.instanceId()))) {
            leasedInstances.remove(instance.instanceId());
        }
        NavigableSet<Key> set = waiting.get(kindOf(instance));
        if (set != null) {
            set.remove(new Key(instance.runAfter(), instance.instanceId()));
        }
    }

    /** Waiting and not waiting for branches: due once its time comes and no lease holds it. */
    private static boolean claimable(WorkflowInstance instance) {
        return instance.status() == InstanceStatus.WAITING && instance.pendingBranches() == 0;
    }

    /** The id of a due instance matching the query, chosen by the strategy, or {@code null}. */
    String pick(Query query, FetchStrategy strategy, Instant now, Random random) {
        expireLeases(now);
        List<NavigableSet<Key>> candidates = new ArrayList<>();
        for (Map.Entry<Kind, NavigableSet<Key>> entry : waiting.entrySet()) {
            NavigableSet<Key> set = entry.getValue();
            if (query.matches(entry.getKey().workflowType(), entry.getKey().step())
                    && !set.isEmpty() && !set.first().at().isAfter(now)) {
                candidates.add(set);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Key bound = new Key(now, null);
        Key chosen = null;
        switch (strategy) {
            case OLDEST -> {
                for (NavigableSet<Key> set : candidates) {
                    if (chosen == null || ORDER.compare(set.first(), chosen) < 0) {
                        chosen = set.first();
                    }
                }
            }
            case NEWEST -> {
                for (NavigableSet<Key> set : candidates) {
                    Key last = set.floor(bound);
                    if (chosen == null || ORDER.compare(last, chosen) > 0) {
                        chosen = last;
                    }
                }
            }
            case RANDOM -> chosen = randomDue(candidates.get(random.nextInt(candidates.size())), bound, random);
        }
        return chosen.id();
    }

    private static Key randomDue(NavigableSet<Key> set, Key bound, Random random) {
        Instant first = set.first().at();
        long spanNanos = Duration.between(first, bound.at()).toNanos();
        if (spanNanos <= 0) {
            return set.first();
        }
        // a random point in time between the oldest due one and now: O(log n), no counting
        Instant at = first.plusNanos((long) (random.nextDouble() * spanNanos));
        Key key = set.ceiling(new Key(at, ""));
        return key == null || ORDER.compare(key, bound) > 0 ? set.floor(bound) : key;
    }

    private void expireLeases(Instant now) {
        while (!leased.isEmpty() && !leased.first().at().isAfter(now)) {
            Key key = leased.pollFirst();
            WorkflowInstance instance = leasedInstances.remove(key.id());
            waitingSet(instance).add(new Key(instance.runAfter(), instance.instanceId()));
        }
    }

    private NavigableSet<Key> waitingSet(WorkflowInstance instance) {
        return waiting.computeIfAbsent(kindOf(instance), kind -> new TreeSet<>(ORDER));
    }

    private static Kind kindOf(WorkflowInstance instance) {
        return new Kind(instance.workflowType(), instance.step());
    }
}
