package io.gamgee.cdi;

import java.util.Optional;

/**
 * Reads one configuration value by key: from MicroProfile Config when the application has it, from
 * system properties otherwise (also when only the API, without an implementation, is on the class
 * path). The MicroProfile API is touched only behind
 * {@link #microProfilePresent()}, so the library runs without it.
 */
@FunctionalInterface
interface ConfigLookup {

    /** The value of {@code key}, if set and not blank. */
    Optional<String> get(String key);

    /** The lookup for this runtime. */
    static ConfigLookup forRuntime() {
        if (microProfilePresent()) {
            try {
                return new MicroProfileConfigLookup();
            } catch (IllegalStateException noImplementation) {
                // the API without an implementation: fall through to system properties
            }
        }
        return ConfigLookup::systemProperty;
    }

    private static Optional<String> systemProperty(String key) {
        return Optional.ofNullable(System.getProperty(key)).filter(value -> !value.isBlank());
    }

    private static boolean microProfilePresent() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConfigLookup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
