package io.gamgee.examples.orders;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;

/**
 * Sends spans where the standard {@code OTEL_*} environment variables say, and stays silent when
 * none is set (no exporter is started, nothing is printed).
 */
final class Tracing {

    private Tracing() {
    }

    static void installIfConfigured() {
        Map<String, String> env = System.getenv();
        boolean configured = env.keySet().stream().anyMatch(key -> key.startsWith("OTEL_TRACES_EXPORTER")
                || key.startsWith("OTEL_EXPORTER_OTLP"));
        if (!configured) {
            return;
        }
        AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.service.name", env.getOrDefault("OTEL_SERVICE_NAME", "gamgee-order-demo"),
                        "otel.metrics.exporter", env.getOrDefault("OTEL_METRICS_EXPORTER", "none"),
                        "otel.logs.exporter", env.getOrDefault("OTEL_LOGS_EXPORTER", "none")))
                .setResultAsGlobal()
                .build();
    }
}
