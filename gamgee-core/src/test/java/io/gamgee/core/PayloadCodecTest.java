package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .hasMessageContaining("ident");
    }

    @Test
    void typeIdsInDataAreNotHonoured() {
        // only the declared type is ever instantiated, whatever the JSON claims
        assertThatThrownBy(() -> PayloadCodec.decode("{\"@class\":\"java.lang.ProcessBuilder\"}", Empty.class, "t"))
                .isInstanceOf(PayloadException.class);
    }
}
