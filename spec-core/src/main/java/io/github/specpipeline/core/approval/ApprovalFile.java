package io.github.specpipeline.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.specpipeline.core.diag.DiagnosticCode;
import io.github.specpipeline.core.diag.Diagnostics;
import io.github.specpipeline.core.io.OutputDirectory;
import io.github.specpipeline.core.json.Json;
import io.github.specpipeline.core.json.JsonDocument;
import io.github.specpipeline.core.json.LocatedJsonReader;
import io.github.specpipeline.core.json.Location;
import io.github.specpipeline.core.json.Reporter;
import io.github.specpipeline.core.json.SourceMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The approval file: {@code <spec>.approval.json} next to the spec ({@code src/main/spec/spec.approval.json} for
 * {@code spec.json}), so that it is committed with the spec it approves and travels with it. Its text:
 *
 * <pre>{@code
 * {
 *   "formatVersion" : 1,
 *   "models" : {
 *     "stg_orders" : {
 *       "approver" : "Ada",
 *       "date" : "2026-01-01T00:00:00Z",
 *       "hash" : "<64 hex digits>",
 *       "pluginVersion" : "1.0.0"
 *     }
 *   }
 * }
 * }</pre>
 *
 * Keys are sorted, lines end with {@code \n}: the same approvals always give the same bytes.
 */
public final class ApprovalFile {
    public static final int FORMAT_VERSION = 1;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String[] FIELDS = {"approver", "date", "hash", "pluginVersion"};

    private ApprovalFile() {}

    /** The approval file of {@code specFile}: its name without {@code .json}, then {@code .approval.json}. */
    public static Path of(Path specFile) {
        Path abs = specFile.toAbsolutePath().normalize();
        return abs.resolveSibling(fileName(abs));
    }

    private static String fileName(Path specFile) {
        String name = specFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return base + ".approval.json";
    }

    /**
     * Reads an approval file; problems go to {@code sink} as SP520 errors located in it (named {@code shown}), and
     * then the result is empty.
     */
    public static Optional<Approval> read(Path file, String shown, Diagnostics sink) {
        Reporter early = new Reporter(shown, null, sink);
        LocatedJsonReader reader = new LocatedJsonReader((severity, code, location, pointer, message, hint) ->
                early.at(severity, DiagnosticCode.SP520, location, pointer, "approval file: " + message, hint));
        Optional<JsonDocument> doc = reader.read(file);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        SourceMap map = doc.get().sourceMap();
        Reporter reporter = new Reporter(shown, map, sink);
        int before = sink.size();
        JsonNode root = doc.get().root();
        Map<String, Approval.Approved> models = new LinkedHashMap<>();
        if (!root.isObject()) {
            bad(reporter, "", "the approval file must be a JSON object with \"formatVersion\" and \"models\"");
        } else {
            JsonNode version = root.get("formatVersion");
            if (version == null || !version.isIntegralNumber() || version.asLong() != FORMAT_VERSION) {
                bad(
                        reporter,
                        version == null ? "" : "/formatVersion",
                        "\"formatVersion\" must be " + FORMAT_VERSION + " (this plugin reads approval files of format "
                                + FORMAT_VERSION + ")");
            }
            JsonNode list = root.get("models");
            if (list == null || !list.isObject()) {
                bad(reporter, list == null ? "" : "/models", "\"models\" must be an object of model name to approval");
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = list.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String pointer = "/models/" + SourceMap.token(e.getKey());
                    approved(e.getKey(), e.getValue(), pointer, map, reporter).ifPresent(a -> models.put(a.name(), a));
                }
            }
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!n.equals("formatVersion") && !n.equals("models")) {
                    reporter.atKey(
                            io.github.specpipeline.core.diag.Severity.ERROR,
                            DiagnosticCode.SP520,
                            "/" + SourceMap.token(n),
                            "approval file: unknown field \"" + n + "\"",
                            DiagnosticCode.SP520.fix());
                }
            }
        }
        return sink.size() == before ? Optional.of(new Approval(models)) : Optional.empty();
    }

    private static Optional<Approval.Approved> approved(
            String name, JsonNode entry, String pointer, SourceMap map, Reporter reporter) {
        if (!entry.isObject()) {
            bad(
                    reporter,
                    pointer,
                    "the approval of model '" + name + "' must be an object with " + String.join(", ", FIELDS));
            return Optional.empty();
        }
        boolean ok = true;
        for (String field : FIELDS) {
            JsonNode v = entry.get(field);
            if (v == null || !v.isTextual() || v.textValue().isBlank()) {
                bad(
                        reporter,
                        v == null ? pointer : pointer + "/" + field,
                        "the approval of model '" + name + "' needs \"" + field + "\" as a non-empty string");
                ok = false;
            }
        }
        if (ok && !HASH.matcher(entry.get("hash").textValue()).matches()) {
            bad(
                    reporter,
                    pointer + "/hash",
                    "the hash of model '" + name + "' is not 64 lower-case hex digits (SHA-256)");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        Location at = map.key(pointer);
        return Optional.of(new Approval.Approved(
                name,
                entry.get("hash").textValue(),
                entry.get("approver").textValue(),
                entry.get("date").textValue(),
                entry.get("pluginVersion").textValue(),
                at));
    }

    private static void bad(Reporter reporter, String pointer, String message) {
        reporter.error(DiagnosticCode.SP520, pointer, "approval file: " + message, DiagnosticCode.SP520.fix());
    }

    /** The file's text for {@code approval}: sorted keys, two-space indent, {@code \n}. */
    public static String text(Approval approval) {
        ObjectNode root = Json.object();
        root.put("formatVersion", FORMAT_VERSION);
        ObjectNode models = root.putObject("models");
        approval.models().forEach((name, a) -> {
            ObjectNode o = models.putObject(name);
            o.put("approver", a.approver());
            o.put("date", a.date());
            o.put("hash", a.hash());
            o.put("pluginVersion", a.pluginVersion());
        });
        return Json.pretty(root);
    }

    /**
     * Writes {@code approval} to the approval file of {@code specFile}, atomically, through {@link OutputDirectory}
     * rooted at the spec's folder: the one file name it writes is made from the spec's and cannot leave that folder.
     */
    public static Path write(Path specFile, Approval approval) throws IOException {
        Path abs = specFile.toAbsolutePath().normalize();
        OutputDirectory folder = new OutputDirectory(abs.getParent());
        return folder.writeString(fileName(abs), text(approval));
    }

    /** Whether {@code specFile} has an approval file. */
    public static boolean exists(Path specFile) {
        return Files.isRegularFile(of(specFile));
    }
}
