package io.gamgee.it.helidon;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Lets {@code otel.traces.exporter=in-memory} hand Helidon's spans to the test. */
public class InMemorySpanExporterProvider implements ConfigurableSpanExporterProvider {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return SPANS;
    }

    @Override
    public String getName() {
        return "in-memory";
    }
}
