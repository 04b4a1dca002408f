package io.github.specpipeline.core.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The interpreter the build passes ({@code specpipeline.test.python}) is the pinned environment: every package of
 * {@code python/requirements.txt} is installed at its pinned version.
 */
class PythonEnvironmentTest {
    static final Path REQUIREMENTS = Path.of("../python/requirements.txt");

    @Test
    void theBuildsInterpreterHasEveryPinnedPackageAtItsVersion() throws Exception {
        Path python = TestPython.require();
        Map<String, String> pins = new LinkedHashMap<>();
        for (String line : Files.readAllLines(REQUIREMENTS, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                String[] nameVersion = l.split("==", 2);
                pins.put(nameVersion[0].replaceAll("\\[.*]", ""), nameVersion[1]);
            }
        }
        assertThat(pins).containsKeys("pyspark", "dbt-core", "dbt-duckdb", "dbt-spark", "dbt-bigquery");
        StringBuilder script = new StringBuilder("import sys, importlib.metadata as m\n");
        script.append("print(sys.version.split()[0])\n");
        for (String name : pins.keySet()) {
            script.append("print('")
                    .append(name)
                    .append("=' + m.version('")
                    .append(name)
                    .append("'))\n");
        }
        Process p = new ProcessBuilder(python.toString(), "-c", script.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        System.out.println(
                "[INFO] Python environment " + python + ": " + out.strip().replace('\n', ' '));
        for (Map.Entry<String, String> pin : pins.entrySet()) {
            assertThat(out).contains(pin.getKey() + "=" + pin.getValue() + "\n");
        }
    }
}
