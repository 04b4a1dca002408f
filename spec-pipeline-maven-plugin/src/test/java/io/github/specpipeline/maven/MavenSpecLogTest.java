package io.github.specpipeline.maven;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A finding is logged once per project build: goals after the first count it instead. */
class MavenSpecLogTest {
    /** Maven's log, recording what reaches it. */
    private static final class Recorder extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
        }

        @Override
        public void error(CharSequence content) {
            lines.add("ERROR " + content);
        }

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
        }
    }

    private static Diagnostic finding(Severity severity, int line, String message) {
        return new Diagnostic(severity, DiagnosticCode.SP402, message, "spec.json", line, 3, "/models/0", "");
    }

    @Test
    void aSecondGoalOfTheSameBuildCountsTheFindingsTheFirstLogged() {
        Set<String> shared = ConcurrentHashMap.newKeySet();
        Recorder first = new Recorder();
        MavenSpecLog one = new MavenSpecLog(first, shared);
        one.diagnostic(finding(Severity.WARNING, 4, "w"));
        one.diagnostic(finding(Severity.ERROR, 5, "e"));
        assertThat(first.lines).hasSize(2);
        assertThat(first.lines.get(0)).startsWith("WARN spec.json:4:3: warning[SP402] w");
        assertThat(first.lines.get(1)).startsWith("ERROR spec.json:5:3: error[SP402] e");
        assertThat(one.repeated()).isZero();

        Recorder second = new Recorder();
        MavenSpecLog two = new MavenSpecLog(second, shared);
        two.diagnostic(finding(Severity.WARNING, 4, "w"));
        two.diagnostic(finding(Severity.ERROR, 5, "e"));
        two.diagnostic(finding(Severity.WARNING, 9, "new"));
        assertThat(second.lines).hasSize(1);
        assertThat(second.lines.get(0)).startsWith("WARN spec.json:9:3: warning[SP402] new");
        assertThat(two.repeated()).isEqualTo(2);
    }

    @Test
    void withoutASharedSetEveryFindingIsLogged() {
        Recorder r = new Recorder();
        MavenSpecLog log = new MavenSpecLog(r);
        log.diagnostic(finding(Severity.WARNING, 4, "w"));
        log.diagnostic(finding(Severity.WARNING, 4, "w"));
        assertThat(r.lines).hasSize(2);
        assertThat(log.repeated()).isZero();
    }
}
