package io.github.specpipeline.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpecLog#of}: how the plugins hand core's messages to Maven's log, level by level. */
class SpecLogTest {
    private final List<String> lines = new ArrayList<>();
    private final SpecLog log = SpecLog.of(
            m -> lines.add("DEBUG " + m),
            m -> lines.add("INFO " + m),
            m -> lines.add("WARN " + m),
            m -> lines.add("ERROR " + m));

    @Test
    void eachLevelGoesToItsOwnLogger() {
        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");
        assertThat(lines).containsExactly("DEBUG d", "INFO i", "WARN w", "ERROR e");
    }

    @Test
    void aFindingIsLoggedAtItsSeverityInCompilerFormat() {
        log.diagnostic(new Diagnostic(
                Severity.WARNING, DiagnosticCode.SP402, "unused source", "spec.json", 4, 7, "/models/0", ""));
        log.diagnostic(new Diagnostic(Severity.ERROR, DiagnosticCode.SP402, "bad", "spec.json", 9, 1, "/models/1", ""));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("WARN spec.json:4:7: warning[SP402] unused source");
        assertThat(lines.get(1)).startsWith("ERROR spec.json:9:1: error[SP402] bad");
    }
}
