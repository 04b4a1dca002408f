package io.github.specpipeline.core.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.Version;
import io.github.specpipeline.core.diag.Diagnostic;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Severity;
import io.github.specpipeline.core.json.Json;
import java.util.List;

/**
 * Renders diagnostics as the two machine-readable reports: our own JSON and SARIF 2.1.0, which GitHub code
 * scanning and IDE SARIF viewers read. Both are deterministic: no timestamps, stable order.
 */
public final class ValidationReports {
    public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String INFO_URI = "https://github.com/specpipeline/spec-pipeline";

    private ValidationReports() {}

    public static String json(String specFile, List<Diagnostic> diagnostics) {
        ObjectNode root = Json.object();
        root.putObject("tool").put("name", "spec-pipeline").put("version", Version.get());
        root.put("spec", specFile);
        ObjectNode summary = root.putObject("summary");
        summary.put("errors", count(diagnostics, Severity.ERROR));
        summary.put("warnings", count(diagnostics, Severity.WARNING));
        summary.put("infos", count(diagnostics, Severity.INFO));
        ArrayNode list = root.putArray("diagnostics");
        for (Diagnostic d : diagnostics) {
            ObjectNode n = list.addObject();
            n.put("severity", d.severity().label());
            n.put("code", d.code().id());
            n.put("name", d.code().slug());
            n.put("message", d.message());
            n.put("file", d.file());
            n.put("line", d.line());
            n.put("column", d.column());
            n.put("pointer", d.pointer());
            n.put("hint", d.hint());
        }
        return Json.pretty(root);
    }

    public static String sarif(List<Diagnostic> diagnostics) {
        ObjectNode root = Json.object();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "spec-pipeline");
        driver.put("version", Version.get());
        driver.put("informationUri", INFO_URI);
        ArrayNode rules = driver.putArray("rules");
        for (DiagnosticCode code : DiagnosticCode.values()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", code.id());
            rule.put("name", code.slug());
            rule.putObject("shortDescription").put("text", code.title());
            rule.putObject("help").put("text", code.fix());
        }
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : diagnostics) {
            ObjectNode res = results.addObject();
            res.put("ruleId", d.code().id());
            res.put("ruleIndex", d.code().ordinal());
            res.put("level", d.severity().sarifLevel());
            String text = d.hint().isEmpty() ? d.message() : d.message() + " (hint: " + d.hint() + ")";
            res.putObject("message").put("text", text);
            ObjectNode location = res.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            ObjectNode artifact =
                    physical.putObject("artifactLocation").put("uri", d.file().replace('\\', '/'));
            if (!d.file().startsWith("/")) {
                artifact.put("uriBaseId", "%SRCROOT%");
            }
            if (d.line() > 0) {
                ObjectNode region = physical.putObject("region").put("startLine", d.line());
                if (d.column() > 0) {
                    region.put("startColumn", d.column());
                }
            }
            if (!d.pointer().isEmpty()) {
                location.putArray("logicalLocations")
                        .addObject()
                        .put("fullyQualifiedName", d.pointer())
                        .put("kind", "member");
            }
        }
        return Json.pretty(root);
    }

    private static long count(List<Diagnostic> diagnostics, Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
