package io.github.specpipeline.core.model;

import java.util.Locale;
import java.util.Optional;

/** How a model is stored. SCD2 models are always incremental, whatever is declared. */
public enum Materialization {
    TABLE,
    VIEW,
    INCREMENTAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Materialization> parse(String text) {
        for (Materialization m : values()) {
            if (m.id().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
