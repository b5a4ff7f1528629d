package io.gamgee.jpa;

import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads rows of {@code gamgee_instance} and {@code gamgee_step_history} into the SPI's values. */
final class InstanceRows {

    static final String INSTANCE_COLUMNS = "instance_id, workflow_type, step, payload, status, attempts, run_after, "
            + "lease_owner, lease_until, trace_context, diagram_hash, version, created_at, updated_at, "
            + "last_error_type, last_error_message, last_error_stack_trace, parent_id, pending_branches";

    static final String HISTORY_COLUMNS =
            "instance_id, step, attempt, worker_id, started_at, finished_at, outcome, next_step, error";

    private InstanceRows() {
    }

    static WorkflowInstance instance(ResultSet row, Vendor vendor) throws SQLException {
        String errorType = row.getString("last_error_type");
        ErrorInfo lastError = errorType == null ? null
                : new ErrorInfo(errorType, row.getString("last_error_message"), row.getString("last_error_stack_trace"));
        return new WorkflowInstance(
                row.getString("instance_id"),
                row.getString("workflow_type"),
                row.getString("step"),
                row.getString("payload"),
                InstanceStatus.valueOf(row.getString("status")),
                row.getInt("attempts"),
                vendor.instant(row, "run_after"),
                row.getString("lease_owner"),
                vendor.instant(row, "lease_until"),
                row.getString("trace_context"),
                row.getString("diagram_hash"),
                row.getLong("version"),
                vendor.instant(row, "created_at"),
                vendor.instant(row, "updated_at"),
                lastError,
                row.getString("parent_id"),
                row.getInt("pending_branches"));
    }

    static StepRecord step(ResultSet row, Vendor vendor) throws SQLException {
        return new StepRecord(
                row.getString("instance_id"),
                row.getString("step"),
                row.getInt("attempt"),
                row.getString("worker_id"),
                vendor.instant(row, "started_at"),
                vendor.instant(row, "finished_at"),
                StepRecord.Outcome.valueOf(row.getString("outcome")),
                row.getString("next_step"),
                row.getString("error"));
    }
}
