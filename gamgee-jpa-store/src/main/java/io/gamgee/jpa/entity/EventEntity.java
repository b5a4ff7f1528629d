package io.gamgee.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One event sent to an instance: a row of {@code gamgee_event}. It is written when the event is
 * sent, consumed at once if the instance waited for it, else kept until the instance reaches a wait
 * that accepts it. Its id is unique per instance, which makes a second send of the same event
 * change nothing. Deleted with its instance by retention.
 */
@Entity(name = "GamgeeEvent")
@IdClass(EventEntity.Key.class)
@Table(name = "gamgee_event",
        indexes = @Index(name = "gamgee_event_kept", columnList = "instance_id, consumed_at, arrival"))
public class EventEntity {

    @Id
    @Column(name = "instance_id", length = 255, nullable = false, updatable = false)
    private String instanceId;

    @Id
    @Column(name = "event_id", length = 255, nullable = false, updatable = false)
    private String eventId;

    @Column(name = "event_name", length = 200, nullable = false)
    private String eventName;

    @Column(name = "arrival", nullable = false)
    private long arrival;

    @Column(name = "payload", length = InstanceEntity.LONG_TEXT)
    private String payload;

    @Column(name = "trace_context", length = 512)
    private String traceContext;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "consumed_at")
    private Instant consumedAt;

    /** For JPA. */
    protected EventEntity() {
    }

    /** {@code instance_id}: the instance the event was sent to. */
    public String getInstanceId() {
        return instanceId;
    }

    /** {@code event_id}: the sender's id for the event (or a random one), unique per instance. */
    public String getEventId() {
        return eventId;
    }

    /** {@code event_name}: the event, as named in the diagram ({@code on <event>}). */
    public String getEventName() {
        return eventName;
    }

    /** {@code arrival}: the event's place among the instance's events, from 1; the kept ones are consumed in this order. */
    public long getArrival() {
        return arrival;
    }

    /** {@code payload}: the payload of the step the event leads to, as JSON; {@code null} when it ends the workflow. */
    public String getPayload() {
        return payload;
    }

    /** {@code trace_context}: the sender's W3C {@code traceparent}, or {@code null}. */
    public String getTraceContext() {
        return traceContext;
    }

    /** {@code received_at}: when it was sent. */
    public Instant getReceivedAt() {
        return receivedAt;
    }

    /** {@code consumed_at}: when it moved the instance on; {@code null} while it is kept for a wait. */
    public Instant getConsumedAt() {
        return consumedAt;
    }

    /** The primary key of an {@link EventEntity}: the instance and the event's id. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String instanceId;
        private String eventId;

        /** For JPA. */
        public Key() {
        }

        /** The key of event {@code eventId} of instance {@code instanceId}. */
        public Key(String instanceId, String eventId) {
            this.instanceId = instanceId;
            this.eventId = eventId;
        }

        /** The instance. */
        public String getInstanceId() {
            return instanceId;
        }

        /** The event's id. */
        public String getEventId() {
            return eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(instanceId, key.instanceId)
                    && Objects.equals(eventId, key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceId, eventId);
        }
    }
}
