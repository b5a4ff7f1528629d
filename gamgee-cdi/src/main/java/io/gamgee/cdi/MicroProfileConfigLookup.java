package io.gamgee.cdi;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads from the application's MicroProfile Config; loaded only when that API is present. */
final class MicroProfileConfigLookup implements ConfigLookup {

    private final Config config = ConfigProvider.getConfig();

    @Override
    public Optional<String> get(String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank());
    }
}
