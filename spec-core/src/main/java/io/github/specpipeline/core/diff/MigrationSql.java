package io.github.specpipeline.core.diff;

import io.github.specpipeline.core.diff.ChangeKind.OfColumn;
import io.github.specpipeline.core.diff.ChangeKind.OfModel;
import io.github.specpipeline.core.model.Layer;
import io.github.specpipeline.core.model.Materialization;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.sql.SqlTypes;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code migration.sql}: the BigQuery DDL that brings the current tables to the new spec where BigQuery can change a
 * table in place ({@code ADD COLUMN}, {@code DROP COLUMN}, {@code RENAME COLUMN}, and {@code ALTER COLUMN ... SET
 * DATA TYPE} for the widening coercions only), and a {@code -- rebuild: <why>} line for each model whose stored rows
 * the new spec computes differently (or whose change BigQuery cannot make in place). A view is never altered: it is
 * replaced when the generated code runs. Metadata and test changes need no DDL. Names are backquoted with
 * BigQuery's escapes and spec text in comments is kept on one line.
 */
public final class MigrationSql {
    /** A type this file writes into DDL as it is: a plain name, or one with numeric parameters. */
    private static final Pattern PLAIN_TYPE = Pattern.compile("[A-Z][A-Z0-9_]*( ?\\(\\d+(, ?\\d+)?\\))?");

    private MigrationSql() {}

    public static String render(ValidatedSpec base, ValidatedSpec current, List<Change> changes) {
        StringBuilder sb = new StringBuilder();
        sb.append("-- BigQuery DDL for the changes in ")
                .append(comment(current.specFile()))
                .append(" (")
                .append(DiffReport.summary(changes))
                .append(")\n");
        sb.append("-- Statements change the tables in place; a rebuild line means the model's table must be rebuilt"
                + " by running its generated code.\n");
        Set<String> rebuilt = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Change>> e : DiffReport.byModel(changes).entrySet()) {
            String name = e.getKey();
            Optional<Model> now = current.spec().model(name);
            Optional<Model> before = base.spec().model(name);
            for (Change c : e.getValue()) {
                statement(c, now, before, current, base.spec(), rebuilt, lines);
            }
        }
        if (lines.isEmpty()) {
            sb.append("-- nothing to migrate\n");
        }
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static void statement(
            Change c,
            Optional<Model> now,
            Optional<Model> before,
            ValidatedSpec validated,
            Spec base,
            Set<String> rebuilt,
            List<String> out) {
        Spec current = validated.spec();
        if (c.category() == Category.METADATA) {
            return;
        }
        if (c.kind() == OfModel.MODEL_ADDED) {
            out.add("-- create: " + comment(c.model()) + " is a new model; its first run creates "
                    + comment(table(current, now.get())));
            return;
        }
        if (c.kind() == OfModel.MODEL_REMOVED) {
            Model m = before.get();
            out.add("-- removed: " + comment(c.model()) + " is no longer in the spec; to drop its "
                    + (m.effectiveMaterialization() == Materialization.VIEW ? "view" : "table") + ": DROP "
                    + (m.effectiveMaterialization() == Materialization.VIEW ? "VIEW" : "TABLE") + " IF EXISTS "
                    + table(base, m) + ";");
            return;
        }
        if (now.isEmpty()) {
            return;
        }
        Model m = now.get();
        String table = table(current, m);
        boolean view = m.effectiveMaterialization() == Materialization.VIEW
                || before.map(b -> b.effectiveMaterialization() == Materialization.VIEW)
                        .orElse(false);
        if (!needsDdl(c.kind())) {
            return;
        }
        if (view) {
            rebuild(rebuilt, out, m, "it is a view: running its generated code replaces it");
            return;
        }
        if (c.kind() instanceof OfColumn k) {
            switch (k) {
                case COLUMN_ADDED -> {
                    Optional<String> type = type(validated, m, c.column());
                    if (type.isPresent()) {
                        out.add("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + quote(c.column()) + " "
                                + type.get() + ";");
                        rebuild(
                                rebuilt,
                                out,
                                m,
                                "the rows stored so far have NULL in " + comment(c.column())
                                        + " until the model is rebuilt");
                    } else {
                        rebuild(rebuilt, out, m, "the type of the new column " + comment(c.column()) + " is unknown");
                    }
                }
                case COLUMN_REMOVED ->
                    out.add("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + quote(c.column()) + ";");
                case COLUMN_RENAMED ->
                    out.add("ALTER TABLE " + table + " RENAME COLUMN " + quote(c.before()) + " TO " + quote(c.column())
                            + ";");
                case TYPE_WIDENED -> {
                    String type = SqlTypes.normalise(c.after());
                    if (PLAIN_TYPE.matcher(type).matches()) {
                        out.add("ALTER TABLE " + table + " ALTER COLUMN " + quote(c.column()) + " SET DATA TYPE " + type
                                + ";");
                    } else {
                        rebuild(rebuilt, out, m, "the type of " + comment(c.column()) + " changes");
                    }
                }
                case TYPE_NARROWED ->
                    rebuild(
                            rebuilt,
                            out,
                            m,
                            comment(c.column()) + " changes type from " + comment(c.before()) + " to "
                                    + comment(c.after()) + ", which BigQuery cannot do in place");
                case TRANSFORM_CHANGED ->
                    rebuild(rebuilt, out, m, "the values of " + comment(c.column()) + " are computed differently");
                default -> {}
            }
            return;
        }
        String why = switch ((OfModel) c.kind()) {
            case LAYER_CHANGED -> "the table moves to the " + comment(c.after()) + " layer's dataset";
            case SOURCES_CHANGED -> "its sources changed";
            case JOIN_CHANGED -> "its joins changed";
            case FILTER_CHANGED -> "its filters changed";
            case GROUPING_CHANGED -> "its grouping changed";
            case HISTORY_CHANGED -> "its SCD2 history settings changed";
            case LAYOUT_CHANGED -> "its partitioning or clustering changed";
            case MATERIALIZATION_CHANGED ->
                "its materialization changed from " + comment(c.before()) + " to " + comment(c.after());
            default -> null;
        };
        if (why != null) {
            rebuild(rebuilt, out, m, why);
        }
    }

    /** Whether a change touches the stored table at all (tests and documentation do not). */
    private static boolean needsDdl(ChangeKind kind) {
        if (kind instanceof OfColumn k) {
            return switch (k) {
                case NULLABLE_CHANGED, TEST_ADDED, TEST_REMOVED, DESCRIPTION_CHANGED -> false;
                default -> true;
            };
        }
        OfModel k = (OfModel) kind;
        return switch (k) {
            case PRIMARY_KEY_CHANGED, UNIT_TEST_ADDED, UNIT_TEST_REMOVED, UNIT_TEST_CHANGED -> false;
            default -> k.category() != Category.METADATA;
        };
    }

    /** One rebuild line per model and reason. */
    private static void rebuild(Set<String> rebuilt, List<String> out, Model m, String why) {
        String line = "-- rebuild: " + comment(m.name()) + ": " + why;
        if (rebuilt.add(line)) {
            out.add(line);
        }
    }

    private static Optional<String> type(ValidatedSpec spec, Model m, String column) {
        return spec.outputColumns(m.name()).stream()
                .filter(c -> c.name().equalsIgnoreCase(column) && c.type() != null)
                .map(c -> SqlTypes.normalise(c.type()))
                .findFirst()
                .or(() -> m.columns().stream()
                        .filter(c -> c.targetColumn().equalsIgnoreCase(column) && c.type() != null)
                        .map(c -> SqlTypes.normalise(c.type()))
                        .findFirst())
                .filter(t -> PLAIN_TYPE.matcher(t).matches());
    }

    /** {@code `analytics.fct_orders`}: the model's table in its layer's dataset. */
    private static String table(Spec spec, Model m) {
        Layer layer = m.layer() == null ? Layer.STAGING : m.layer();
        return quote(spec.schema().of(layer) + "." + m.name());
    }

    /** A BigQuery quoted identifier: backticks, with backslash escapes for what would end or break it. */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder("`");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('`').toString();
    }

    /** Spec text in a {@code --} comment: on one line, so it cannot end the comment. */
    static String comment(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString();
    }
}
