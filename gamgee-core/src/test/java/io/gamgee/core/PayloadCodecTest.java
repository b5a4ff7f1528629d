package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    record Order(String id, Instant placedAt, List<String> items, Optional<String> note) {
    }

    record Empty() {
    }

    @Test
    void recordsWithTimesAndOptionalsRoundTrip() {
        Order order = new Order("o-1", Instant.parse("2024-05-01T10:15:30.123Z"), List.of("ring"), Optional.of("x"));

        String json = PayloadCodec.encode(order, "test");

        assertThat(json).contains("\"2024-05-01T10:15:30.123Z\"");
        assertThat(PayloadCodec.decode(json, Order.class, "test")).isEqualTo(order);
    }

    @Test
    void aRecordWithoutComponentsIsAPayload() {
        assertThat(PayloadCodec.decode(PayloadCodec.encode(new Empty(), "test"), Empty.class, "test"))
                .isEqualTo(new Empty());
    }

    @Test
    void aRenamedFieldIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> PayloadCodec.decode("{\"ident\":\"o-1\"}", Order.class, "instance 7 at step ship"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("instance 7 at step ship")
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("'id'");
    }

    record Renamed(Optional<String> id) {
    }

    @Test
    void anUnknownFieldIsAnErrorNamingIt() {
        assertThatThrownBy(() -> PayloadCodec.decode("{\"ident\":\"o-1\"}", Renamed.class, "t"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("ident");
    }

    @Test
    void typeIdsInDataAreNotHonoured() {
        // only the declared type is ever instantiated, whatever the JSON claims
        assertThatThrownBy(() -> PayloadCodec.decode("{\"@class\":\"java.lang.ProcessBuilder\"}", Empty.class, "t"))
                .isInstanceOf(PayloadException.class);
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Nullable {
    }

    record Charge(String orderId, long amountCents, Optional<String> coupon, @Nullable String note) {
    }

    @Test
    void aMissingComponentIsAnErrorNamingIt() {
        assertThatThrownBy(() -> PayloadCodec.decode("{\"amountCents\":5}", Charge.class, "instance 7 at step charge"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("instance 7 at step charge")
                .hasMessageContaining("'orderId'");
    }

    @Test
    void aMissingPrimitiveIsAnErrorRatherThanZero() {
        assertThatThrownBy(() -> PayloadCodec.decode("{\"orderId\":\"o-1\"}", Charge.class, "t"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("'amountCents'");
    }

    @Test
    void missingOptionalAndNullableComponentsAreEmptyAndNull() {
        assertThat(PayloadCodec.decode("{\"orderId\":\"o-1\",\"amountCents\":5}", Charge.class, "t"))
                .isEqualTo(new Charge("o-1", 5, Optional.empty(), null));
    }

    @Test
    void aComponentWrittenAsNullStaysNull() {
        Charge charge = new Charge(null, 5, Optional.empty(), null);

        assertThat(PayloadCodec.decode(PayloadCodec.encode(charge, "t"), Charge.class, "t")).isEqualTo(charge);
    }

    @Test
    void jsonNullIsNeverAPayload() {
        assertThatThrownBy(() -> PayloadCodec.decode("null", Charge.class, "instance 7 at step charge"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("instance 7 at step charge")
                .hasMessageContaining("never null");
    }

    /** Only an all-arguments constructor, and no parameter names for Jackson. */
    public static final class Immutable {
        private final String orderId;
        private final long amountCents;

        public Immutable(String orderId, long amountCents) {
            this.orderId = orderId;
            this.amountCents = amountCents;
        }

        public String getOrderId() {
            return orderId;
        }

        public long getAmountCents() {
            return amountCents;
        }
    }

    /** A field without a getter: written by nobody. */
    public static final class Hidden {
        public String orderId;
        private int secret;

        public void setSecret(int secret) {
            this.secret = secret;
        }
    }

    /** A plain bean: fine. */
    public static final class Bean {
        private String orderId;

        public String getOrderId() {
            return orderId;
        }

        public void setOrderId(String orderId) {
            this.orderId = orderId;
        }
    }

    @Test
    void aTypeJacksonCannotCreateIsAProblemSaidPlainly() {
        assertThat(PayloadCodec.problemWith(Immutable.class)).contains("Jackson cannot create one")
                .contains("@JsonCreator");
    }

    @Test
    void aFieldJsonWouldLeaveBehindIsAProblemNamingIt() {
        assertThat(PayloadCodec.problemWith(Hidden.class)).contains("field secret would be lost");
    }

    @Test
    void recordsBeansAndEmptyRecordsAreFine() {
        assertThat(PayloadCodec.problemWith(Order.class)).isNull();
        assertThat(PayloadCodec.problemWith(Empty.class)).isNull();
        assertThat(PayloadCodec.problemWith(Bean.class)).isNull();
    }
}
