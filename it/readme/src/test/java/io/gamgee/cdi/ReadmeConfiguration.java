package io.gamgee.cdi;

import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** Reads README's configuration blocks as the CDI extension reads its configuration at startup. */
public final class ReadmeConfiguration {

    private ReadmeConfiguration() {
    }

    /** @throws IllegalArgumentException naming the key, the value and what is expected, as startup fails */
    public static void check(Properties properties, Set<String> workflowTypes) {
        GamgeeSettings.read(key -> Optional.ofNullable(properties.getProperty(key)).filter(value -> !value.isBlank()),
                workflowTypes);
    }
}
