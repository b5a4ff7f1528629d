package io.gamgee.cdi;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import java.util.function.Supplier;

/**
 * The container's {@link OpenTelemetry} bean (Quarkus, Helidon) or else
 * {@link GlobalOpenTelemetry}, looked up when the first step runs rather than at startup:
 * containers set OpenTelemetry up late, and the global one must not be frozen too early.
 */
final class OpenTelemetryLookup implements Supplier<OpenTelemetry> {

    private final Instance<OpenTelemetry> beans;
    private volatile OpenTelemetry resolved;

    OpenTelemetryLookup(Instance<OpenTelemetry> beans) {
        this.beans = beans;
    }

    @Override
    public OpenTelemetry get() {
        OpenTelemetry openTelemetry = resolved;
        if (openTelemetry == null) {
            synchronized (this) {
                openTelemetry = resolved;
                if (openTelemetry == null) {
                    openTelemetry = beans.isResolvable() ? beans.get() : GlobalOpenTelemetry.get();
                    resolved = openTelemetry;
                }
            }
        }
        return openTelemetry;
    }
}
