package io.github.specpipeline.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.task.GenerateTask;
import io.github.specpipeline.core.task.RecordingLog;
import io.github.specpipeline.core.task.SpecInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column's {@code type} is optional. A downstream column that declares a type and reads an upstream model's
 * column without one crashed {@code generate} with a NullPointerException (issue 17, found by the fuzzer): the
 * upstream type is unknown, so the declared type is cast to, as for any expression of unknown type.
 */
class UntypedUpstreamColumnTest {

    static final Path SPEC = Path.of("src/test/resources/generate/untyped-upstream/spec.json");
    static final Path DDL = Path.of("src/test/resources/validation/ddl");

    @Test
    void aTypedColumnReadingAnUntypedUpstreamColumnIsCastToItsType(@TempDir Path out) throws IOException {
        RecordingLog log = new RecordingLog();

        GenerateTask.Result r = GenerateTask.run(
                new GenerateTask.Options(new SpecInput(SPEC, DDL, SPEC.getParent()), out, EnumSet.allOf(Target.class)),
                log);

        assertThat(r.failed()).as("%s", log.lines).isFalse();
        String duckDb = Files.readString(out.resolve("sql/duckdb/dim_customers.sql"), StandardCharsets.UTF_8);
        assertThat(duckDb).contains("CAST(stg_customers.email AS VARCHAR) AS email");
    }
}
