package io.gamgee.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Payloads as JSON. Decoding targets only the step's declared payload type (no type ids read from
 * data, so stored JSON cannot choose a class) and fails on unknown properties, so that a renamed
 * field is reported instead of silently dropped.
 */
final class PayloadCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final ObjectWriter STRICT = MAPPER.writer();
    // a record without components (`record LeftPayload() {}`) is a normal payload, not a mistake
    private static final ObjectWriter EMPTY_RECORDS = MAPPER.writer().without(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private PayloadCodec() {
    }

    /** Encodes a payload; {@code what} says whose payload it is, for the message. */
    static String encode(Object payload, String what) {
        ObjectWriter writer = payload.getClass().isRecord() ? EMPTY_RECORDS : STRICT;
        try {
            return writer.writeValueAsString(payload);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PayloadException("cannot encode the payload of " + what + " (" + payload.getClass().getName()
                    + ") as JSON: " + originalMessage(e) + ". Payloads must be records or beans Jackson can "
                    + "write and read back", e);
        }
    }

    /** Decodes {@code json} into exactly {@code type}. */
    static <T> T decode(String json, Class<T> type, String what) {
        ObjectReader reader = MAPPER.readerFor(type);
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PayloadException("cannot decode the payload of " + what + " into " + type.getName() + ": "
                    + originalMessage(e), e);
        }
    }

    private static String originalMessage(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }
}
