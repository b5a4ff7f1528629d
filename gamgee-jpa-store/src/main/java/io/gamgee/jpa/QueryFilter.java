package io.gamgee.jpa;

import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WHERE} conditions for a {@link Query} and an optional status. Status is written as a
 * literal so that the planner sees which slice of the claim index is meant.
 */
final class QueryFilter {

    private final String sql;
    private final List<String> parameters;
    private final List<String> indexPrefix;

    private QueryFilter(String sql, List<String> parameters, List<String> indexPrefix) {
        this.sql = sql;
        this.parameters = parameters;
        this.indexPrefix = indexPrefix;
    }

    static QueryFilter of(Query query, InstanceStatus status) {
        List<String> conditions = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        if (status != null) {
            conditions.add("status = '" + status.name() + "'");
        }
        if (query.workflowType() != null) {
            conditions.add("workflow_type = ?");
            parameters.add(query.workflowType());
        }
        if (query.step() != null) {
            conditions.add("step = ?");
            parameters.add(query.step());
        }
        // The equality-fixed leading columns of the claim index that serves this filter.
        List<String> indexPrefix = new ArrayList<>();
        if (status != null) {
            indexPrefix.add("status");
            if (query.workflowType() != null) {
                indexPrefix.add("workflow_type");
                if (query.step() != null) {
                    indexPrefix.add("step");
                }
            }
        }
        return new QueryFilter(conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions), parameters,
                indexPrefix);
    }

    /** The conditions, joined with {@code AND} (never empty). */
    String sql() {
        return sql;
    }

    /**
     * The leading columns of the claim index ({@code gamgee_instance_claim}, {@code _claim_step} or
     * {@code _claim_any}) that this filter fixes by equality, in index order.
     */
    List<String> indexPrefix() {
        return indexPrefix;
    }

    /**
     * What an {@code ORDER BY} along the claim index starts with: the leading columns this filter
     * fixes, each with {@code direction}, where the vendor reads an index in order only when the
     * order names them ({@link Vendor#ordersByIndexPrefix()}); else {@code ""}.
     */
    String orderPrefix(Vendor vendor, String direction) {
        if (!vendor.ordersByIndexPrefix()) {
            return "";
        }
        StringBuilder prefix = new StringBuilder();
        for (String column : indexPrefix) {
            prefix.append(column).append(direction).append(", ");
        }
        return prefix.toString();
    }

    /** The claim index whose leading columns this filter fixes. */
    String claimIndex() {
        if (indexPrefix.contains("step")) {
            return "gamgee_instance_claim_step";
        }
        return indexPrefix.contains("workflow_type") ? "gamgee_instance_claim" : "gamgee_instance_claim_any";
    }

    /** Binds the parameters from {@code first}; returns the next free index. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (String parameter : parameters) {
            statement.setString(index++, parameter);
        }
        return index;
    }
}
