package io.github.specpipeline.core.model;

import java.util.Locale;
import java.util.Optional;

/** Where a model sits in the pipeline; decides its schema. */
public enum Layer {
    STAGING,
    FINAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Layer> parse(String text) {
        for (Layer layer : values()) {
            if (layer.id().equals(text)) {
                return Optional.of(layer);
            }
        }
        return Optional.empty();
    }
}
