package io.github.specpipeline.core.generate.pyspark;

import io.github.specpipeline.core.generate.GeneratedFile;
import io.github.specpipeline.core.generate.Headers;
import io.github.specpipeline.core.generate.LayoutSupport;
import io.github.specpipeline.core.generate.Target;
import io.github.specpipeline.core.generate.Text;
import io.github.specpipeline.core.model.JoinType;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.plan.IncrementalPlan;
import io.github.specpipeline.core.plan.ModelPlan;
import io.github.specpipeline.core.plan.ModelPlanner;
import io.github.specpipeline.core.plan.Scd2Plan;
import io.github.specpipeline.core.sql.dialect.Dialect;
import io.github.specpipeline.core.validate.ValidatedSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PySpark target: one module per model with {@code build(spark) -> DataFrame} written with the DataFrame API
 * (each source read and filtered on its own, joined in spec order, filtered, grouped and selected; expressions
 * are Spark SQL rendered from the spec's fragments), and {@code run_all.py}, which builds every model in
 * dependency order and saves it as a table. Every spec-derived string is a Python string literal.
 */
public final class PySparkGenerator {
    private static final Dialect D = Dialect.SPARK;

    public List<GeneratedFile> files(ValidatedSpec spec) {
        String header = Headers.hash(spec.specFile());
        List<GeneratedFile> files = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        for (Model m : spec.graph().order()) {
            ModelPlan plan = ModelPlanner.planOrThrow(spec, m);
            files.add(new GeneratedFile(
                    m.name() + ".py",
                    module(spec, m, plan, Headers.hash(Headers.source(spec, m))),
                    m.pointer() + "/name"));
            String partition = LayoutSupport.partitions(Target.PYSPARK, plan)
                    ? plan.layout().partitioning().column()
                    : null;
            entries.add("    (" + Text.python(m.name()) + ", " + Text.python(table(spec, m)) + ", "
                    + (partition == null ? "None" : Text.python(partition)) + "),");
            schemas.add(spec.spec().schema().of(m.layer()));
        }
        files.add(new GeneratedFile(
                "run_all.py",
                header
                        + "\"\"\"Builds every model of the spec in dependency order and saves each as a table.\"\"\"\n\n"
                        + "import importlib\n\nfrom pyspark.sql import SparkSession\n\n"
                        + "# (module, table, partition column or None), upstream models first\n"
                        + "MODELS = [\n" + String.join("\n", entries) + "\n]\n\n"
                        + "SCHEMAS = [" + schemas.stream().map(Text::python).collect(Collectors.joining(", "))
                        + "]\n\n\n"
                        + "def main():\n"
                        + "    spark = SparkSession.builder.appName(\"spec-pipeline\").getOrCreate()\n"
                        + "    # BigQuery evaluates dates and timestamps in UTC\n"
                        + "    spark.conf.set(\"spark.sql.session.timeZone\", \"UTC\")\n"
                        + "    # BigQuery's NUMERIC keeps 9 fraction digits in products and quotients; Spark by default drops\n"
                        + "    # fraction digits when a result needs more than 38 (NUMERIC * NUMERIC would keep 6)\n"
                        + "    spark.conf.set(\"spark.sql.decimalOperations.allowPrecisionLoss\", \"false\")\n"
                        + "    for schema in SCHEMAS:\n"
                        + "        spark.sql(\"CREATE DATABASE IF NOT EXISTS `\" + schema + \"`\")\n"
                        + "    for module_name, table, partition in MODELS:\n"
                        + "        frame = importlib.import_module(module_name).build(spark)\n"
                        + "        # localCheckpoint: an SCD2 model reads its own table, which is then overwritten\n"
                        + "        writer = frame.localCheckpoint().write.mode(\"overwrite\")\n"
                        + "        if partition is not None:\n"
                        + "            writer = writer.partitionBy(partition)\n"
                        + "        writer.saveAsTable(table)\n\n\n"
                        + "if __name__ == \"__main__\":\n"
                        + "    main()\n"));
        return files;
    }

    private static String table(ValidatedSpec spec, Model m) {
        return spec.spec().schema().of(m.layer()) + "." + m.name();
    }

    private static String expr(ModelPlan.Expr e) {
        return "F.expr(" + Text.python(e.sql(D)) + ")";
    }

    private static String item(ModelPlan.SelectItem item) {
        String sql = item.expr().sql(D);
        if (item.castType() != null) {
            String type = D.type(item.castType()).orElse(null);
            if (type != null) {
                sql = "CAST(" + sql + " AS " + type + ")";
            }
        }
        return "F.expr(" + Text.python(sql) + ").alias(" + Text.python(item.name()) + ")";
    }

    /**
     * QUALIFY for a DataFrame: Spark refuses a window function in {@code filter}, so each predicate becomes a column,
     * the rows are filtered on it, and the column is dropped (a NULL predicate drops the row, as QUALIFY does).
     */
    private static void appendQualify(StringBuilder sb, String v, List<ModelPlan.Expr> qualify) {
        for (int k = 0; k < qualify.size(); k++) {
            String column = Text.python("_qualify_" + (k + 1));
            sb.append("    ")
                    .append(v)
                    .append(" = ")
                    .append(v)
                    .append(".withColumn(")
                    .append(column)
                    .append(", ")
                    .append(expr(qualify.get(k)))
                    .append(").filter(F.col(")
                    .append(column)
                    .append(")).drop(")
                    .append(column)
                    .append(")\n");
        }
    }

    /** The table a source reads: a model in its layer's schema, a raw table in the raw schema. */
    private static String relation(ValidatedSpec spec, ModelPlan.Source s) {
        return s.model()
                ? spec.spec()
                                .schema()
                                .of(spec.spec()
                                        .model(s.ref().table())
                                        .orElseThrow()
                                        .layer()) + "."
                        + s.ref().table()
                : spec.spec().schema().raw() + "." + s.ref().table();
    }

    /**
     * The union: each member's columns selected by name in the union's order (cast where widened) with the source
     * column as a literal, the members appended with {@code unionByName}, as the SQL targets' UNION ALL of the same
     * column lists.
     */
    private static void appendUnion(StringBuilder sb, ValidatedSpec spec, ModelPlan.Source s) {
        ModelPlan.UnionPlan u = s.union();
        sb.append("    ").append(var(s.alias())).append(" = (\n");
        for (int i = 0; i < u.members().size(); i++) {
            ModelPlan.Source member = u.members().get(i);
            String indent = i == 0 ? "        " : "            ";
            List<String> items = new ArrayList<>();
            for (int c = 0; c < u.columns().size(); c++) {
                String name = u.columns().get(c).name();
                String cast = u.casts().get(i).get(c);
                String type = cast == null ? null : D.type(cast).orElse(null);
                items.add(
                        type == null
                                ? "F.col(" + Text.python(D.quote(name)) + ")"
                                : "F.expr(" + Text.python("CAST(" + D.quote(name) + " AS " + type + ")") + ").alias("
                                        + Text.python(name) + ")");
            }
            if (u.sourceColumn() != null) {
                items.add(
                        "F.lit(" + Text.python(member.ref().text()) + ").alias(" + Text.python(u.sourceColumn()) + ")");
            }
            if (i > 0) {
                sb.append("        .unionByName(\n");
            }
            sb.append(indent)
                    .append("spark.table(")
                    .append(Text.python(relation(spec, member)))
                    .append(")\n");
            sb.append(indent)
                    .append(".select(")
                    .append(String.join(", ", items))
                    .append(")\n");
            if (i > 0) {
                sb.append("        )\n");
            }
        }
        sb.append("        .alias(").append(Text.python(s.alias())).append(")\n    )\n");
    }

    private static String var(String alias) {
        return "src_" + alias;
    }

    private static String module(ValidatedSpec spec, Model m, ModelPlan plan, String header) {
        StringBuilder sb = new StringBuilder(header);
        sb.append("#\n# Model ")
                .append(m.name())
                .append(" (")
                .append(m.layer().id())
                .append(")\n");
        for (String line : Text.commentLines(m.description(), 96)) {
            sb.append("# ").append(line).append('\n');
        }
        sb.append("\nfrom pyspark.sql import DataFrame, SparkSession\nfrom pyspark.sql import functions as F\n\n");
        sb.append("TABLE = ").append(Text.python(table(spec, m))).append("\n");
        if (plan.scd2() != null) {
            Scd2Plan k = plan.scd2();
            sb.append("COLUMNS = [")
                    .append(k.columns().stream().map(Text::python).collect(Collectors.joining(", ")))
                    .append("]\n");
            if (!k.change().columns().equals(k.columns())) {
                sb.append("CHANGE_COLUMNS = [")
                        .append(k.change().columns().stream().map(Text::python).collect(Collectors.joining(", ")))
                        .append("]\n");
            }
            sb.append("NATURAL_KEY = [")
                    .append(k.close().columns().stream().map(Text::python).collect(Collectors.joining(", ")))
                    .append("]\n");
            sb.append("EFFECTIVE_AT = ").append(Text.python(k.effectiveAt())).append('\n');
            sb.append("EXPIRY_AT = ").append(Text.python(k.expiryAt())).append('\n');
            sb.append("CURRENT_FLAG = ").append(Text.python(k.currentFlag())).append('\n');
        }
        if (watermarked(plan)) {
            sb.append("UNIQUE_KEY = [")
                    .append(plan.incremental().uniqueKey().stream()
                            .map(Text::python)
                            .collect(Collectors.joining(", ")))
                    .append("]\n");
        }
        sb.append("\n\n");
        if (watermarked(plan)) {
            sb.append("def rows(spark: SparkSession, batch: bool = False) -> DataFrame:\n");
            sb.append("    \"\"\"The model's rows; with batch, only those past the stored table's watermark.\"\"\"\n");
        } else {
            sb.append(
                    plan.scd2() == null
                            ? "def build(spark: SparkSession) -> DataFrame:\n"
                            : "def rows(spark: SparkSession) -> DataFrame:\n");
            sb.append("    \"\"\"The model's rows")
                    .append(plan.scd2() == null ? "" : " as of now (before history is kept)")
                    .append(".\"\"\"\n");
        }
        for (ModelPlan.Source s : plan.sources()) {
            if (s.union() != null) {
                appendUnion(sb, spec, s);
            } else {
                sb.append("    ")
                        .append(var(s.alias()))
                        .append(" = spark.table(")
                        .append(Text.python(relation(spec, s)))
                        .append(").alias(")
                        .append(Text.python(s.alias()))
                        .append(")\n");
            }
            for (ModelPlan.Expr f : s.filters()) {
                sb.append("    ")
                        .append(var(s.alias()))
                        .append(" = ")
                        .append(var(s.alias()))
                        .append(".filter(")
                        .append(expr(f))
                        .append(")\n");
            }
            appendQualify(sb, var(s.alias()), s.qualify());
        }
        List<String> branchVars = new ArrayList<>();
        for (int b = 0; b < plan.branches().size(); b++) {
            ModelPlan.Branch branch = plan.branches().get(b);
            String v = plan.branches().size() == 1 ? "rows" : "branch_" + (b + 1);
            branchVars.add(v);
            sb.append("    ").append(v).append(" = ").append(var(branch.from())).append('\n');
            for (ModelPlan.JoinStep j : branch.joins()) {
                if (j.type() == JoinType.CROSS || j.condition() == null) {
                    sb.append("    ")
                            .append(v)
                            .append(" = ")
                            .append(v)
                            .append(".crossJoin(")
                            .append(var(j.table()))
                            .append(")\n");
                } else {
                    sb.append("    ")
                            .append(v)
                            .append(" = ")
                            .append(v)
                            .append(".join(")
                            .append(var(j.table()))
                            .append(", ")
                            .append(expr(j.condition()))
                            .append(", ")
                            .append(Text.python(j.type().name().toLowerCase(Locale.ROOT)))
                            .append(")\n");
                }
            }
            for (ModelPlan.Expr w : branch.where()) {
                sb.append("    ")
                        .append(v)
                        .append(" = ")
                        .append(v)
                        .append(".filter(")
                        .append(expr(w))
                        .append(")\n");
            }
            if (watermarked(plan)) {
                // the run's batch (IncrementalPlan): the watermark on the joined rows, before any grouping
                String column = plan.incremental().watermark().column();
                ModelPlan.SelectItem wm = branch.select().stream()
                        .filter(i -> i.name().equalsIgnoreCase(column))
                        .findFirst()
                        .orElseThrow();
                sb.append("    if batch:\n        ")
                        .append(v)
                        .append(" = ")
                        .append(v)
                        .append(".filter(F.expr(")
                        .append(Text.python(plan.incremental().predicate(D, value(wm), sqlTable(spec, m))))
                        .append("))\n");
            }
            appendQualify(sb, v, branch.qualify());
            List<String> names =
                    branch.select().stream().map(i -> Text.python(i.name())).toList();
            List<String> items =
                    branch.select().stream().map(PySparkGenerator::item).toList();
            if (branch.grouped()) {
                List<String> groups = new ArrayList<>();
                for (int g = 0; g < branch.groupBy().size(); g++) {
                    groups.add(expr(branch.groupBy().get(g)) + ".alias(\"_group_" + (g + 1) + "\")");
                }
                sb.append("    ").append(v).append(" = ").append(v).append(".groupBy(\n");
                groups.forEach(g -> sb.append("        ").append(g).append(",\n"));
                sb.append("    ).agg(\n");
                items.forEach(i -> sb.append("        ").append(i).append(",\n"));
                // HAVING: each predicate is one more aggregate column, filtered on and left out by the select
                for (int h = 0; h < branch.having().size(); h++) {
                    sb.append("        ")
                            .append(expr(branch.having().get(h)))
                            .append(".alias(\"_having_")
                            .append(h + 1)
                            .append("\"),\n");
                }
                sb.append("    )");
                for (int h = 0; h < branch.having().size(); h++) {
                    sb.append(".filter(F.col(\"_having_").append(h + 1).append("\"))");
                }
                sb.append(".select(").append(String.join(", ", names)).append(")\n");
            } else {
                sb.append("    ").append(v).append(" = ").append(v).append(".select(\n");
                items.forEach(i -> sb.append("        ").append(i).append(",\n"));
                sb.append("    )\n");
            }
        }
        if (plan.combine() == ModelPlan.Combine.SINGLE) {
            sb.append("    return rows\n");
        } else {
            List<String> keys =
                    plan.model().groupBy().stream().map(Text::python).toList();
            sb.append("    rows = ").append(branchVars.get(0)).append('\n');
            for (int b = 1; b < branchVars.size(); b++) {
                if (plan.combine() == ModelPlan.Combine.CROSS) {
                    sb.append("    rows = rows.crossJoin(")
                            .append(branchVars.get(b))
                            .append(")\n");
                } else {
                    // a join on column names: Spark keeps one key column, the first non-NULL of both sides
                    sb.append("    rows = rows.join(")
                            .append(branchVars.get(b))
                            .append(", [")
                            .append(String.join(", ", keys))
                            .append("], \"full\")\n");
                }
            }
            sb.append("    return rows.select(\n");
            for (ModelPlan.OutputColumn c : plan.outputs()) {
                String col = "F.col(" + Text.python(c.name()) + ")";
                sb.append("        ")
                        .append(
                                c.emptyValue() == null
                                        ? col
                                        : "F.coalesce(" + col + ", F.lit(" + c.emptyValue() + ")).alias("
                                                + Text.python(c.name()) + ")")
                        .append(",\n");
            }
            sb.append("    )\n");
        }
        if (plan.scd2() != null) {
            sb.append(scd2(plan.scd2()));
        }
        if (watermarked(plan)) {
            sb.append(merge(plan.incremental()));
        }
        return sb.toString();
    }

    /**
     * Whether the model is merged run by run ({@link IncrementalPlan} with a watermark); an incremental model without
     * one is rebuilt from every row, which gives the merge's rows (but keeps no row a source deleted).
     */
    private static boolean watermarked(ModelPlan plan) {
        return plan.incremental() != null && plan.incremental().watermark() != null;
    }

    /** The stored table as Spark SQL names it, for the watermark's subquery. */
    private static String sqlTable(ValidatedSpec spec, Model m) {
        return D.quote(spec.spec().schema().of(m.layer())) + "." + D.quote(m.name());
    }

    /** An item's value in Spark SQL, cast as {@link #item} casts it. */
    private static String value(ModelPlan.SelectItem item) {
        String sql = item.expr().sql(D);
        if (item.castType() != null) {
            String type = D.type(item.castType()).orElse(null);
            if (type != null) {
                sql = "CAST(" + sql + " AS " + type + ")";
            }
        }
        return sql;
    }

    /**
     * The merge of an incremental model's batch without Delta: the stored rows whose key is not in the batch, plus
     * the batch (update matched, insert new); without a key the batch is appended. Both are checkpointed because
     * run_all.py then overwrites the table they are read from.
     */
    private static String merge(IncrementalPlan inc) {
        return "\n\n"
                + "def build(spark: SparkSession) -> DataFrame:\n"
                + "    \"\"\"The stored table merged with this run's batch; every row on the first run.\"\"\"\n"
                + "    if not spark.catalog.tableExists(TABLE):\n"
                + "        return rows(spark)\n"
                + "    stored = spark.table(TABLE).localCheckpoint()\n"
                + "    batch = rows(spark, batch=True).localCheckpoint()\n"
                + (inc.uniqueKey().isEmpty()
                        ? "    return stored.unionByName(batch)\n"
                        : "    kept = stored.join(batch.select(*UNIQUE_KEY), UNIQUE_KEY, \"left_anti\")\n"
                                + "    return kept.unionByName(batch)\n");
    }

    /**
     * SCD type 2 ({@link Scd2Plan}) over the existing history table (if any): the change predicate is a NULL-safe
     * anti-join of the source rows with the current versions on its columns (COLUMNS when it compares every select
     * column), the close predicate a NULL-safe semi-join on the natural key.
     */
    private static String scd2(Scd2Plan k) {
        String changeColumns = k.change().columns().equals(k.columns()) ? "COLUMNS" : "CHANGE_COLUMNS";
        String runAt = switch (k.runAt()) {
            case SESSION_VARIABLE_OR_NOW -> "F.current_timestamp()"; // Spark has no session variables here
        };
        return "\n\n"
                + "def _same(left, right, columns):\n"
                + "    condition = None\n"
                + "    for column in columns:\n"
                + "        same = F.col(left + \".\" + column).eqNullSafe(F.col(right + \".\" + column))\n"
                + "        condition = same if condition is None else condition & same\n"
                + "    return condition\n\n\n"
                + "def build(spark: SparkSession) -> DataFrame:\n"
                + "    \"\"\"The full history: a new version for every new or changed row, superseded versions closed.\n\n"
                + "    Rows that disappear from the source keep their current version.\n"
                + "    \"\"\"\n"
                + "    run_at = " + runAt + "\n"
                + "    incoming = rows(spark)\n"
                + "    if not spark.catalog.tableExists(TABLE):\n"
                + "        return incoming.select(*[F.col(c) for c in COLUMNS], run_at.alias(EFFECTIVE_AT),\n"
                + "                               F.lit(None).cast(\"timestamp\").alias(EXPIRY_AT), F.lit(True).alias(CURRENT_FLAG))\n"
                + "    history = spark.table(TABLE).localCheckpoint()\n"
                + "    current = history.filter(F.col(CURRENT_FLAG))\n"
                + "    new_versions = incoming.alias(\"i\").join(current.alias(\"c\"), _same(\"i\", \"c\", "
                + changeColumns + "), \"left_anti\")\n"
                + "    new_versions = new_versions.select(*[F.col(c) for c in COLUMNS], run_at.alias(EFFECTIVE_AT),\n"
                + "                                       F.lit(None).cast(\"timestamp\").alias(EXPIRY_AT), F.lit(True).alias(CURRENT_FLAG))\n"
                + "    superseded = current.alias(\"c\").join(new_versions.alias(\"n\"), _same(\"c\", \"n\", NATURAL_KEY), \"left_semi\")\n"
                + "    kept = history.alias(\"h\").join(superseded.alias(\"s\"), _same(\"h\", \"s\", NATURAL_KEY + [EFFECTIVE_AT]), \"left_anti\")\n"
                + "    closed = superseded.withColumn(EXPIRY_AT, run_at).withColumn(CURRENT_FLAG, F.lit(False))\n"
                + "    return kept.unionByName(closed).unionByName(new_versions)\n";
    }
}
