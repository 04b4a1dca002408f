package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A finding is logged once per build: goals after the first count it instead. */
class FindingsOnceTest {
    private static Diagnostic finding(Severity severity, int line, String message) {
        return new Diagnostic(severity, DiagnosticCode.SP402, message, "spec.json", line, 3, "/models/0", "");
    }

    @Test
    void aSecondGoalOfTheSameBuildCountsTheFindingsTheFirstLogged() {
        Set<String> shared = ConcurrentHashMap.newKeySet();
        RecordingLog first = new RecordingLog();
        FindingsOnce one = new FindingsOnce(first, shared);
        one.diagnostic(finding(Severity.WARNING, 4, "w"));
        one.diagnostic(finding(Severity.ERROR, 5, "e"));
        one.info("a plain message");
        assertThat(first.lines)
                .containsExactly(
                        "WARN spec.json:4:3: warning[SP402] w",
                        "ERROR spec.json:5:3: error[SP402] e",
                        "INFO a plain message");
        assertThat(one.repeatedNote()).isEmpty();

        RecordingLog second = new RecordingLog();
        FindingsOnce two = new FindingsOnce(second, shared);
        two.diagnostic(finding(Severity.WARNING, 4, "w"));
        two.diagnostic(finding(Severity.ERROR, 5, "e"));
        two.diagnostic(finding(Severity.WARNING, 9, "new"));
        two.info("a plain message");
        assertThat(second.lines).containsExactly("WARN spec.json:9:3: warning[SP402] new", "INFO a plain message");
        assertThat(two.repeated()).isEqualTo(2);
        assertThat(two.repeatedNote())
                .hasValue(
                        "(2 findings of the spec are not repeated: an earlier spec-pipeline goal of this build logged them above)");
    }

    @Test
    void oneRepeatedFindingIsSaidInTheSingular() {
        Set<String> shared = ConcurrentHashMap.newKeySet();
        new FindingsOnce(new RecordingLog(), shared).diagnostic(finding(Severity.INFO, 1, "i"));
        FindingsOnce again = new FindingsOnce(new RecordingLog(), shared);
        again.diagnostic(finding(Severity.INFO, 1, "i"));
        assertThat(again.repeatedNote())
                .hasValue(
                        "(1 finding of the spec is not repeated: an earlier spec-pipeline goal of this build logged it above)");
    }
}
