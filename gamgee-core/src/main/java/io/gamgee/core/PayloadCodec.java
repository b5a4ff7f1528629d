package io.gamgee.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Payloads as JSON. Decoding targets only the step's declared payload type (no type ids read from
 * data, so stored JSON cannot choose a class) and fails on unknown properties, so that a renamed
 * field is reported instead of silently dropped. A payload is never {@code null}, and every
 * component of a record payload must be present in the JSON unless it is an {@code Optional}
 * (then absent means empty) or annotated {@code @Nullable} (any annotation of that simple name,
 * e.g. JSpecify's or Jakarta's; then absent means {@code null}). A component written as JSON
 * {@code null} stays {@code null}: that is what the step that made the payload said.
 */
final class PayloadCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .annotationIntrospector(new RequiredRecordComponents())
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
        T payload;
        try {
            payload = reader.readValue(json);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PayloadException("cannot decode the payload of " + what + " into " + type.getName() + ": "
                    + originalMessage(e) + unknownComponents(json, type), e);
        }
        if (payload == null) {
            throw new PayloadException("cannot decode the payload of " + what + " into " + type.getName()
                    + ": the stored JSON is null, and a payload is never null", null);
        }
        return payload;
    }

    /**
     * Why values of {@code type} would not survive a round trip through JSON, or {@code null} if
     * they do: Jackson cannot create one (no usable constructor), or a field holds data that JSON
     * would leave behind (not written, or not read back).
     */
    static String problemWith(Class<?> type) {
        if (type.isPrimitive() || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return "it is " + (type.isPrimitive() ? "a primitive" : "abstract")
                    + ": a payload must be a concrete type, usually a record";
        }
        if (type.isRecord() || type.isEnum() || type.getName().startsWith("java.")) {
            return null;
        }
        JavaType javaType = MAPPER.constructType(type);
        Set<String> read = new HashSet<>();
        try {
            DefaultDeserializationContext context = ((DefaultDeserializationContext) MAPPER.getDeserializationContext())
                    .createDummyInstance(MAPPER.getDeserializationConfig());
            JsonDeserializer<Object> deserializer = context.findRootValueDeserializer(javaType);
            if (deserializer instanceof BeanDeserializerBase bean) {
                if (!bean.getValueInstantiator().canInstantiate()) {
                    return "Jackson cannot create one: it has no no-argument constructor and no constructor annotated "
                            + "@JsonCreator (make it a record, or add either)";
                }
                bean.properties().forEachRemaining(property -> read.add(memberName(property)));
                SettableBeanProperty[] creatorProperties =
                        bean.getValueInstantiator().getFromObjectArguments(MAPPER.getDeserializationConfig());
                if (creatorProperties != null) {
                    for (SettableBeanProperty property : creatorProperties) {
                        read.add(property.getName());
                    }
                }
            }
        } catch (JsonMappingException e) {
            return "Jackson cannot read it: " + e.getOriginalMessage();
        }
        Set<String> written = new HashSet<>();
        try {
            JsonSerializer<Object> serializer = MAPPER.getSerializerProviderInstance().findValueSerializer(type);
            serializer.properties().forEachRemaining(property -> written.add(memberName(property)));
        } catch (JsonMappingException e) {
            return "Jackson cannot write it: " + e.getOriginalMessage();
        }
        written.addAll(nameVariants(written));
        read.addAll(nameVariants(read));
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
                        || field.isSynthetic()) {
                    continue;
                }
                if (!written.contains(field.getName())) {
                    return "its field " + field.getName() + " would be lost: Jackson does not write it (no getter, "
                            + "not public); make the payload a record, add a getter, or mark the field transient";
                }
                if (!read.contains(field.getName())) {
                    return "its field " + field.getName() + " would be lost: Jackson cannot read it back (no setter "
                            + "or constructor parameter for it); make the payload a record, or add either";
                }
            }
        }
        return null;
    }

    /** The field or method behind a property, else the property's name. */
    private static String memberName(BeanProperty property) {
        return property.getMember() == null ? property.getName() : property.getMember().getName();
    }

    /** Getter and setter names as the fields they stand for ({@code getOrderId} → {@code orderId}). */
    private static Set<String> nameVariants(Set<String> names) {
        Set<String> variants = new HashSet<>();
        for (String name : names) {
            for (String prefix : new String[] {"get", "set", "is"}) {
                if (name.length() > prefix.length() && name.startsWith(prefix)
                        && Character.isUpperCase(name.charAt(prefix.length()))) {
                    variants.add(Character.toLowerCase(name.charAt(prefix.length())) + name.substring(prefix.length() + 1));
                }
            }
        }
        return variants;
    }

    /**
     * For a record, the JSON's properties it has no component for, so that a renamed component is
     * reported by both its names: the one missing and the one nobody reads.
     */
    private static String unknownComponents(String json, Class<?> type) {
        if (!type.isRecord()) {
            return "";
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                return "";
            }
            Set<String> known = new HashSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                known.add(component.getName());
            }
            List<String> unknown = new ArrayList<>();
            tree.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    unknown.add(name);
                }
            });
            return unknown.isEmpty() ? "" : "; the JSON has properties the record does not: " + unknown;
        } catch (JsonProcessingException | RuntimeException notJson) {
            return "";
        }
    }

    private static String originalMessage(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    /**
     * Makes every record component a required creator property unless it is an {@code Optional}
     * or annotated {@code @Nullable}, so that JSON written before a component was added (or by
     * hand) is refused with the component's name instead of running the step with {@code null}.
     */
    private static final class RequiredRecordComponents extends JacksonAnnotationIntrospector {

        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasRequiredMarker(AnnotatedMember member) {
            Boolean marked = super.hasRequiredMarker(member);
            if (Boolean.TRUE.equals(marked) || !member.getDeclaringClass().isRecord()) {
                return marked;
            }
            RecordComponent component = componentOf(member);
            if (component == null) {
                return marked;
            }
            return !(isOptional(component.getType()) || isNullable(component) || isNullable(member));
        }

        private static RecordComponent componentOf(AnnotatedMember member) {
            RecordComponent[] components = member.getDeclaringClass().getRecordComponents();
            if (member instanceof AnnotatedParameter parameter) {
                int index = parameter.getIndex();
                return parameter.getOwner().getParameterCount() == components.length && index < components.length
                        ? components[index] : null;
            }
            for (RecordComponent component : components) {
                if (component.getName().equals(member.getName())) {
                    return component;
                }
            }
            return null;
        }

        private static boolean isOptional(Class<?> type) {
            return type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
                    || type == OptionalDouble.class;
        }

        private static boolean isNullable(RecordComponent component) {
            return hasNullable(component.getAnnotations()) || hasNullable(component.getAnnotatedType().getAnnotations());
        }

        private static boolean isNullable(AnnotatedMember member) {
            for (Annotation annotation : member.annotations()) {
                if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hasNullable(Annotation[] annotations) {
            for (Annotation annotation : annotations) {
                if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                    return true;
                }
            }
            return false;
        }
    }
}
