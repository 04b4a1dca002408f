package io.github.specpipeline.core.export;

import io.github.specpipeline.core.log.SpecLog;
import io.github.specpipeline.core.sql.ColumnRef;
import io.github.specpipeline.core.task.ExportTask;
import io.github.specpipeline.core.task.SpecInput;
import io.github.specpipeline.core.task.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The specs the export tests use, and helpers to load and export them. */
final class ExportFixtures {
    /** The example data project of this repository. */
    static final Path EXAMPLE = Path.of("../examples/shop-analytics");
    /** A spec full of hostile text (formulas, markup, quotes, brackets, pipes, line breaks, long text, bad names). */
    static final Path HOSTILE = Path.of("src/test/resources/export/hostile");

    static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");
    static final SpecLog NONE = SpecLog.NONE;

    private ExportFixtures() {}

    static SpecInput example() {
        return new SpecInput(
                EXAMPLE.resolve("src/main/spec/spec.json"), EXAMPLE.resolve("src/main/spec/source_ddl"), EXAMPLE);
    }

    static SpecInput hostile() {
        return new SpecInput(HOSTILE.resolve("spec.json"), HOSTILE.resolve("source_ddl"), HOSTILE);
    }

    /** Loads and validates a spec and builds its review, as the export task does. */
    static SpecReview review(SpecInput input) {
        Map<String, List<ColumnRef>> fragments = new HashMap<>();
        SpecLoader.Result load = SpecLoader.load(input, (pointer, f) -> fragments.put(pointer, f.columns()));
        return SpecReview.of(load.spec().orElseThrow(), fragments);
    }

    /** Runs the export task with every format, forced, into {@code out}. */
    static ExportTask.Result export(SpecInput input, Path out) throws IOException {
        return ExportTask.run(new ExportTask.Options(input, out, Set.of(), true, TIME), SpecLog.NONE);
    }

    /** Every regular file under {@code root}, relative, with '/', sorted. */
    static List<String> files(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile)
                    .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(null);
        return out;
    }
}
