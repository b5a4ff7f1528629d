package io.gamgee.cdi;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code gamgee.dashboard.*} configuration: whether the CDI extension starts the dashboard of
 * {@code io.gamgee:gamgee-dashboard} with the application, and how.
 *
 * @param enabled {@code gamgee.dashboard.enabled}: start it (default {@code false}); needs
 *     {@code gamgee-dashboard} on the classpath
 * @param port {@code gamgee.dashboard.port}: default 8089; 0 for any free port
 * @param bind {@code gamgee.dashboard.bind}: the address it listens on, default {@code 127.0.0.1}
 * @param token {@code gamgee.dashboard.token}: the access token every request must carry, if set
 * @param readOnly {@code gamgee.dashboard.read-only}: refuse recovering and cancelling
 */
public record DashboardSettings(boolean enabled, int port, String bind, Optional<String> token, boolean readOnly) {

    /** Reads the settings from MicroProfile Config or system properties. */
    static DashboardSettings read(ConfigLookup config) {
        return new DashboardSettings(
                bool(config, "gamgee.dashboard.enabled"),
                config.get("gamgee.dashboard.port").map(value -> port(value.trim())).orElse(8089),
                config.get("gamgee.dashboard.bind").map(String::trim).orElse("127.0.0.1"),
                config.get("gamgee.dashboard.token").map(String::trim).filter(token -> !token.isEmpty()),
                bool(config, "gamgee.dashboard.read-only"));
    }

    private static boolean bool(ConfigLookup config, String key) {
        return config.get(key).map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("Gamgee configuration " + key + " = '" + value
                    + "' is invalid: expected true or false");
        }).orElse(false);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("Gamgee configuration gamgee.dashboard.port = '" + value
                + "' is invalid: expected a port from 0 (any free one) to 65535");
    }

    @Override
    public String toString() {
        // never print the token
        return "DashboardSettings[enabled=" + enabled + ", port=" + port + ", bind=" + bind + ", token="
                + (token.isPresent() ? "(set)" : "-") + ", readOnly=" + readOnly + "]";
    }
}
