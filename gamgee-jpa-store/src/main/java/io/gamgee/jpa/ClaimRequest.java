package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import java.time.Instant;

/** One claim: up to {@code max} due instances matching {@code query}, leased to a worker. */
record ClaimRequest(Query query, FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil,
        int max) {

    /** The filter of due candidates: waiting rows of the query. */
    QueryFilter filter() {
        return QueryFilter.of(query, InstanceStatus.WAITING);
    }
}
