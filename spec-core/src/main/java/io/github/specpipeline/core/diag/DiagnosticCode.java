package io.github.specpipeline.core.diag;

/**
 * The catalogue of diagnostics. Codes are stable: never renumber one, only add. Each carries a title and
 * the fix to print in the documentation's diagnostics catalogue.
 */
public enum DiagnosticCode {
    // SP0xx: the file itself
    SP001(
            "file-unreadable",
            "The spec file is missing, a directory, or cannot be read",
            "Point specpipeline.spec at an existing JSON file."),
    SP002("encoding", "The file is not valid UTF-8", "Save the file as UTF-8 (a byte order mark is accepted)."),
    SP003(
            "json-syntax",
            "The file is not well-formed JSON",
            "Fix the JSON at the position shown: a missing comma, quote or bracket is the usual cause."),
    SP004("empty-file", "The file is empty", "Write a spec: at least {\"schema\": {...}, \"models\": [...]}."),
    SP005(
            "duplicate-key",
            "A JSON object has the same key twice",
            "Remove one of the two keys; JSON parsers disagree on which one wins."),
    SP006(
            "input-limit",
            "The input is beyond a safety limit (nesting depth, string length, file size)",
            "Specs are flat documents: check the file is really a spec and not generated garbage."),
    SP007(
            "source-ddl",
            "A source DDL file could not be read or parsed",
            "Fix the CREATE TABLE statement at the position shown, or remove the file."),
    SP008(
            "internal-error",
            "spec-pipeline failed with an unexpected exception: a bug in the plugin, not in the spec",
            "Please report it (https://github.com/specpipeline/spec-pipeline/issues) with the input named in the message"
                    + " and the stack trace that a run with -X (debug) prints; changing that input may work around it."),

    // SP1xx: structure and types
    SP101("wrong-type", "A field has the wrong JSON type", "Use the type the spec format documents for this field."),
    SP102("missing-field", "A required field is missing or null", "Add the field."),
    SP103(
            "unknown-field",
            "A field is not part of the spec format",
            "Remove it or fix its spelling; unknown fields are ignored by every generator."),
    SP104("invalid-value", "A field has a value outside its allowed set", "Use one of the allowed values."),
    SP105(
            "unsupported-version",
            "The spec declares a format version this plugin does not know",
            "Use \"version\": \"1\" or upgrade the plugin."),
    SP106(
            "unknown-type",
            "A column type is not a BigQuery type",
            "Use INT64, NUMERIC, BIGNUMERIC, FLOAT64, BOOL, STRING, BYTES, DATE, DATETIME, TIME, TIMESTAMP, JSON, ARRAY<...> or STRUCT<...>."),

    SP107(
            "spec-directory",
            "A spec directory is not laid out as spec.json plus models/**/*.json",
            "Keep the schema block and other spec-level keys in spec.json, and each model in its own file under models/."),
    SP108(
            "empty-environment",
            "An environment changes no schema name",
            "Give it a schema_suffix, or a staging_schema or final_schema, or remove it."),
    SP109(
            "spec-directory-link",
            "A file of a spec directory is a link that leaves the directory",
            "Copy the file into the spec directory instead of linking to it."),
    SP110(
            "unknown-environment",
            "specpipeline.environment names an environment the spec does not define",
            "Use one of the environments in the spec's environments block, or add it there."),

    // SP2xx: names and references
    SP201(
            "invalid-identifier",
            "A name is not a valid SQL identifier (or not safe as a file name)",
            "Use letters, digits and underscores, starting with a letter or underscore (max 128 characters)."),
    SP202("duplicate-model", "Two models have the same name", "Rename one of them."),
    SP203("duplicate-column", "A model outputs the same column twice", "Rename or remove one of them."),
    SP204(
            "table-not-in-sources",
            "A table is referenced that is not among the model's sources",
            "Add the table to the model's sources, or reference one of its sources."),
    SP205(
            "unresolved-source",
            "A source is neither another model nor a raw table",
            "Write raw tables as <raw_schema>.<table> and other models by their name."),
    SP206(
            "unknown-source-column",
            "A mapped column does not exist in its source table",
            "Use a column of the source table (from its DDL or its model's outputs)."),
    SP207(
            "unresolved-column",
            "A SQL fragment references a column no source provides",
            "Qualify the column with a source table that has it, or fix the spelling."),
    SP208(
            "primary-key-not-output",
            "The primary key is not an output column of the model",
            "Name output columns in constraints.primary_key."),
    SP209(
            "cycle",
            "Models depend on each other in a cycle",
            "Break the cycle: a model cannot read itself, directly or indirectly."),
    SP210(
            "unknown-test",
            "A test name is not known",
            "Use not_null, unique, accepted_values, relationships or expression."),
    SP211(
            "relationship-target",
            "A relationships test points at an unknown model, table or column",
            "Name a model or raw table (raw.<table>) and one of its columns."),
    SP212(
            "raw-table-not-in-ddl",
            "A raw source table has no DDL while source DDL was given",
            "Add a CREATE TABLE file for it to the source DDL directory."),
    SP213(
            "unknown-group-by",
            "A group_by column is not a column of any source",
            "Group by columns of the model's sources."),
    SP214(
            "scd2",
            "An SCD type 2 model is incomplete or inconsistent",
            "Set natural_key, effective_at, expiry_at and current_flag; the natural key must be an input column."),
    SP215(
            "unit-test",
            "A unit test is inconsistent with its model",
            "Give rows only for the model's sources, and expect only the model's output columns."),
    SP216(
            "ambiguous-column",
            "An unqualified column exists in several sources",
            "Qualify the column with its table name."),
    SP217(
            "generated-file-clash",
            "Two generated files would be one file",
            "Rename the model: run, create_raw_tables and load_seeds (DuckDB) and run_all (PySpark) are files every"
                    + " spec gets, and file names that differ only in case are one file on macOS and Windows."),
    SP218(
            "target-cannot-express",
            "A target cannot express a model's partitioning or clustering",
            "Materialize the model as a table to partition or cluster it, partition by a DATE, TIMESTAMP or DATETIME"
                    + " column for dbt, or leave the target out with -Dspecpipeline.targets=..."),
    SP219(
            "aggregate-filter-without-grouping",
            "A model filter holds an aggregate (so it applies to groups, as HAVING) but the model does not aggregate",
            "Add group_by or aggregations to the model, or move the filter to a model that aggregates."),
    SP220(
            "window-filter-in-aggregate-model",
            "A model filter holds a window function but the model aggregates; a window filter applies to rows of a"
                    + " model that does not group",
            "Filter with the window function in a model upstream of the aggregation (or downstream of it)."),
    SP221(
            "unknown-named-expression",
            "A fragment calls a named expression (@name) that neither the spec's nor the model's expressions define",
            "Fix the name, or define it in the spec's (or the model's) \"expressions\" map."),
    SP222(
            "named-expression-arity",
            "A named expression is called with another number of arguments than its placeholders {0}, {1}, ... ask for",
            "Pass one argument per placeholder, in order: @name(arg0, arg1, ...)."),
    SP223(
            "named-expression-cycle",
            "Named expressions call each other in a cycle, so their expansion never ends",
            "Break the cycle: write the SQL of one of them out instead of calling the other."),
    SP224(
            "named-expression-malformed",
            "A named expression has a malformed name or placeholder, or a call is not closed",
            "Name expressions with letters, digits and underscores; number placeholders {0}, {1}, ... without gaps."),
    SP225(
            "union-malformed",
            "A model's union has fewer than two sources, lists a source twice, or lists a table its 'sources' list too",
            "List each table to append once, in 'union' only; join other tables through 'sources' and 'joins'."),
    SP226(
            "union-column-mismatch",
            "The sources of a model's union do not have the same columns (UNION ALL by name needs each column in every"
                    + " source)",
            "Add the missing column to the source, or union models that select the same columns."),
    SP227(
            "union-type-mismatch",
            "A column of a model's union has types that do not combine (only INT64 widens, to NUMERIC, BIGNUMERIC or"
                    + " FLOAT64, and NUMERIC to BIGNUMERIC)",
            "Cast the column to one type in an upstream model, or change the source DDL."),
    SP228(
            "union-source-column-clash",
            "The union's source_column (or its 'as' name) clashes with a column of its sources (or with another source"
                    + " of the model)",
            "Choose a source_column name no source has, and an 'as' name no other source of the model uses."),
    SP230(
            "googlesql-unavailable",
            "BigQuery's analyzer (GoogleSQL) cannot run here, so SQL fragments were checked by spec-pipeline's own rules"
                    + " only",
            "Nothing to do for this build; validate on Linux or macOS on x86-64 to have GoogleSQL check every fragment."),
    SP231(
            "googlesql-rejects",
            "BigQuery's analyzer (GoogleSQL) rejects a SQL fragment",
            "Fix the fragment at the position shown; the message is GoogleSQL's, as BigQuery would report it."),
    SP232(
            "googlesql-unknown-name",
            "A SQL fragment names a column, table or function that BigQuery does not know in its scope",
            "Fix the spelling, or read the column from one of the model's sources; function names are BigQuery's."),
    SP233(
            "window-function-misplaced",
            "A window (analytic) function is where BigQuery allows none: a join condition, an expression test or an"
                    + " aggregate's argument",
            "Compute the window function as a column of an upstream model and filter or aggregate that column."),
    SP234(
            "result-type-cast",
            "A transform or formula returns another type than its column's declared type, and the generated CAST"
                    + " changes values",
            "Declare the type the expression returns, or write the conversion (CAST, SAFE_CAST) in the expression."),
    SP235(
            "result-type-incompatible",
            "A transform or formula returns a type that BigQuery cannot convert to its column's declared type",
            "Declare the type the expression returns, or convert explicitly (PARSE_DATE, UNIX_SECONDS, TO_JSON_STRING, ...)."),
    SP236(
            "incremental-block-misplaced",
            "An incremental block is on a model that is not materialized as incremental, or on an SCD2 model",
            "Set \"materialization\": \"incremental\", or remove the block (an SCD2 model keeps history by its"
                    + " natural key)."),
    SP237(
            "incremental-unknown-column",
            "An incremental block's unique_key or updated_at names a column the model does not output",
            "Name output columns of the model (column_mapping targets, group_by keys or metrics)."),
    SP238(
            "incremental-lookback",
            "An incremental block's lookback is not a BigQuery INTERVAL literal, or has no updated_at to apply to",
            "Write INTERVAL <n> <DAY|HOUR|MINUTE|SECOND> (e.g. \"INTERVAL 3 DAY\") next to updated_at."),
    SP239(
            "incremental-watermark-unsafe",
            "An incremental model's updated_at cannot select a run's rows correctly: an aggregate, a window column,"
                    + " a model whose QUALIFY runs over the joined rows, sources aggregated apart, or a type that is"
                    + " not a point in time",
            "Watermark a plain column (in a grouped model, a group key such as the source's own updated_at), or"
                    + " compute the aggregate in an upstream model and make that model incremental instead."),
    SP240(
            "case-mapping-differs",
            "UPPER or LOWER of a character whose case is more than one character differs on DuckDB",
            "Write the text's other case yourself (UPPER('ﬁx') as 'FIX'), or leave the DuckDB target out with"
                    + " -Dspecpipeline.targets=..."),
    SP241(
            "numeric-division-differs",
            "A NUMERIC division is computed as DOUBLE on DuckDB",
            "Keep quotients below 15 significant digits on the DuckDB target, or divide FLOAT64 values (a FLOAT64"
                    + " quotient is the same on both engines)."),
    SP242(
            "approximate-aggregate",
            "An approximate aggregate gives engine-specific estimates",
            "Use COUNT(DISTINCT ...) where the tests or the comparison of engines need the exact count."),
    SP243(
            "spark-value-differs",
            "A call gives another value on Spark than on BigQuery for some inputs (found by the differential table)",
            "Keep the inputs in the range the message names, write the expression another way, or leave the PySpark"
                    + " target out with -Dspecpipeline.targets=..."),
    SP244(
            "spark-numeric-division-differs",
            "A division by a NUMERIC keeps 18 fractional digits on Spark, 9 on BigQuery",
            "ROUND the quotient to at most 9 digits in the spec (ROUND(SAFE_DIVIDE(a, b), 9)): then both engines round it to the same value."),
    SP245(
            "spark-float-round-differs",
            "ROUND of a FLOAT64 to decimal places rounds the value's shortest decimal text on Spark, the binary"
                    + " value on BigQuery",
            "Round a NUMERIC (CAST the value to NUMERIC first): NUMERIC rounds the same on both engines."),
    SP246(
            "spark-approximate-aggregate",
            "An approximate aggregate gives engine-specific estimates on Spark",
            "Use COUNT(DISTINCT ...) where the tests or the comparison of engines need the exact count."),

    // SP3xx: SQL fragments
    SP301(
            "sql-syntax",
            "A SQL fragment does not parse as exactly one expression",
            "Write a single BigQuery SQL expression: no statements, no trailing text, no semicolons."),
    SP302(
            "not-an-aggregate",
            "An aggregation formula contains no aggregate function",
            "Use SUM, COUNT, COUNTIF, AVG, MIN, MAX or another aggregate; plain columns belong in column_mapping."),
    SP303(
            "aggregate-misplaced",
            "An aggregate function is used where rows are not grouped yet (join condition, filter)",
            "Move the aggregate into column_mapping or aggregations."),
    SP304(
            "untranslatable-function",
            "A function has no known translation for a generation target",
            "Rewrite the expression with functions the target supports, or disable that target."),
    SP305(
            "unjoined-sources-in-fragment",
            "A fragment reads sources that are not joined and are aggregated separately",
            "Read one source per formula (or filter), or join the sources."),
    SP306(
            "sql-too-complex",
            "A SQL fragment is nested too deeply to be read safely",
            "Simplify the expression: remove redundant brackets, or compute part of it in an upstream model's column."),

    // SP4xx: ambiguities with a fix
    SP401(
            "no-join-path",
            "Some sources are not connected by joins",
            "Add joins between the sources, or aggregate them by shared group_by keys (they are then joined on the keys)."),
    SP402(
            "accepted-values-empty",
            "accepted_values lists no values",
            "List the values: {\"accepted_values\": {\"values\": [...]}}."),
    SP403(
            "implicit-group-by",
            "Aggregate and plain columns are mixed and there is no group_by",
            "Add group_by with the non-aggregated columns to make the grain explicit."),
    SP404(
            "no-output-columns",
            "A model has no output columns",
            "Add column_mapping or aggregations (only an SCD2 model may pass its source through)."),
    SP405("unused-source", "A source is listed but nothing reads it", "Remove it or map columns from it."),
    SP406(
            "accepted-values-incomplete",
            "accepted_values misses a value the column's CASE transform can return",
            "Add the missing values to the list, or change the transform so that it cannot return them."),
    SP407(
            "type-cast",
            "A column's declared type differs from its source column's type, so the generated SQL casts it",
            "Declare the source's type, or convert in a transform (e.g. SAFE_CAST({from} AS <type>)) where the conversion is meant."),
    SP408(
            "window-order-ties",
            "A window function in a filter picks rows by an order that can tie, so which rows are kept is the engine's"
                    + " choice and may differ between runs and engines",
            "Add ORDER BY columns that make the order unique within each partition, e.g. the source's primary key."),
    SP409(
            "incremental-key-not-unique",
            "An incremental model's unique_key is neither its primary key nor a column with a unique test",
            "Declare the key as primary_key (or add a unique test), or leave unique_key out to merge by the primary"
                    + " key."),
    SP410(
            "incremental-filter-keeps-rows",
            "A filter of an incremental model reads a column other than the unique key, so a stored row that stops"
                    + " passing it stays in the table: a merge updates and inserts, it never deletes",
            "Filter only on the unique key, or keep the rows and flag them in a column (e.g. is_cancelled), or"
                    + " run a full refresh when such rows change."),

    // SP5xx: the diff goal and its base
    SP500(
            "base-unreadable",
            "The base spec to compare with is not given, does not exist or is not a file",
            "Set specpipeline.base to a spec file (relative to the project directory) or to git:<revision>."),
    SP501(
            "base-not-in-git",
            "The base is a git revision, but the spec is not in a git repository",
            "Run the goal on a spec inside a git working tree, or give the base as a file."),
    SP502(
            "base-unknown-revision",
            "The base's git revision does not exist in the repository",
            "Name a commit, branch or tag that exists (git rev-parse <revision>); fetch it first for origin/..."),
    SP503(
            "base-file-absent",
            "The spec file does not exist at the base's git revision",
            "Compare with a revision that has the spec at the same path, or give the old spec as a file."),
    SP504(
            "base-git-failed",
            "git could not be run to read the base",
            "Install git and put it on the PATH, or give the base as a file."),
    SP505(
            "base-invalid",
            "The base spec cannot be read as a spec",
            "Fix the base (it must be readable JSON in the spec format), or compare with another revision."),
    SP510(
            "breaking-change",
            "A change that downstream readers see: data they read is removed, renamed, narrowed or computed differently",
            "Check the impacted models and columns in diff/report.md; rebuild them, or keep the old column beside the new one."),
    SP520(
            "approval-file-invalid",
            "The approval file cannot be read as an approval",
            "Fix the file as the message says, or delete it and approve again with spec-pipeline:approve."),
    SP521(
            "changed-since-approval",
            "A model changed since it was approved",
            "Have the change reviewed, then run spec-pipeline:approve -Dspecpipeline.approver=\"<name>\" to approve it."),
    SP522(
            "not-approved",
            "A model has no approval",
            "Have the model reviewed, then run spec-pipeline:approve -Dspecpipeline.approver=\"<name>\" to approve it."),
    SP523(
            "approved-model-removed",
            "An approved model is no longer in the spec",
            "If the removal was reviewed, run spec-pipeline:approve to record it; else restore the model."),
    SP524(
            "no-approval-file",
            "Approval is required but the spec has no approval file",
            "Run spec-pipeline:approve -Dspecpipeline.approver=\"<name>\" after review, or set specpipeline.requireApproval=off."),
    SP525(
            "selection-invalid",
            "The model selection (specpipeline.select) names no model, tag or method the spec has",
            "Use a model name, tag:<tag>, changed or changed+, with + before or after for upstream or downstream models.");

    private final String slug;
    private final String title;
    private final String fix;

    DiagnosticCode(String slug, String title, String fix) {
        this.slug = slug;
        this.title = title;
        this.fix = fix;
    }

    public String id() {
        return name();
    }

    /** A short kebab-case name, used as the SARIF rule name. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String fix() {
        return fix;
    }
}
