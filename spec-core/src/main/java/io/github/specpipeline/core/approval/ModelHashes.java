package io.github.specpipeline.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.specpipeline.core.json.LocatedJsonReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content hash of every model of a spec file, read in one streaming pass (each model's tree is hashed and
 * dropped, as the loader binds it), with the file's fingerprint so that the models can be located later.
 *
 * @param models      by model name, in spec order; a model without a string name, or a second model of a name, is
 *                    left out (validation reports those)
 * @param fingerprint of the bytes hashed
 */
public record ModelHashes(Map<String, Entry> models, LocatedJsonReader.Fingerprint fingerprint) {
    public ModelHashes {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** One model: its position in the {@code models} array and its hash. */
    public record Entry(String name, int index, String hash) {
        /** The JSON pointer of the model's name, where findings about the model are located. */
        public String namePointer() {
            return "/models/" + index + "/name";
        }
    }

    /** The hashes of {@code specFile}'s models; empty when it cannot be read (reported through {@code reader}). */
    public static Optional<ModelHashes> read(Path specFile, LocatedJsonReader reader) {
        Map<String, Entry> models = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        Optional<LocatedJsonReader.StreamedDocument> doc =
                reader.stream(specFile, "models", new LocatedJsonReader.ElementHandler() {
                    @Override
                    public void restart() {
                        models.clear();
                        names.clear();
                    }

                    @Override
                    public void element(JsonNode element, int index) {
                        JsonNode name = element.path("name");
                        if (name.isTextual() && !models.containsKey(name.textValue())) {
                            models.put(name.textValue(), new Entry(name.textValue(), index, ModelHash.of(element)));
                        }
                    }
                });
        return doc.map(d -> new ModelHashes(models, d.fingerprint()));
    }

    /** The hash of each model by name, in spec order. */
    public Map<String, String> hashes() {
        Map<String, String> out = new LinkedHashMap<>();
        models.forEach((name, e) -> out.put(name, e.hash()));
        return out;
    }
}
