package io.github.specpipeline.core.approval;

import io.github.specpipeline.core.json.Location;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an approval file records: for each model, the hash of the content a person approved, who, when, and with
 * which plugin version the hash was made.
 *
 * @param models by model name, sorted
 */
public record Approval(Map<String, Approved> models) {
    public Approval {
        models = Collections.unmodifiableMap(new TreeMap<>(models));
    }

    /**
     * One model's approval.
     *
     * @param date          ISO 8601 UTC instant, whole seconds ({@code 2026-01-01T00:00:00Z})
     * @param location      of the model's entry in the approval file, {@link Location#UNKNOWN} for one made in memory
     */
    public record Approved(
            String name, String hash, String approver, String date, String pluginVersion, Location location) {}
}
