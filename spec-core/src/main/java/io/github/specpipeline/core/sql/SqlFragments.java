package io.github.specpipeline.core.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;

/**
 * Parses the SQL fragments of a spec (a column {@code transform}, a join {@code condition}, a filter
 * {@code predicate}, an aggregation {@code formula}): each must be exactly one BigQuery expression.
 *
 * <p>How a fragment is read:
 * <ol>
 * <li>It is lexed with {@link SqlLexer} to catch what JSqlParser reports poorly or not at all: an unterminated
 * literal, an unbalanced bracket (JSqlParser silently stops before {@code x) OR (1=1}), a {@code ;}, a statement
 * keyword, and to find {@code {from}} placeholders outside literals and comments.</li>
 * <li>Each {@code {from}} is replaced by {@code fromReplacement}; comments are blanked (JSqlParser does not
 * know BigQuery's {@code #} comments). Blanking keeps every other char in place, so positions JSqlParser
 * reports map back to the original text exactly; a position inside a substituted {@code {from}} maps to that
 * {@code {from}}.</li>
 * <li>JSqlParser parses the result as one expression; the whole input must be consumed (its own
 * {@code parseExpression(s)} silently drops trailing text). Like {@link CCJSqlParserUtil}, a fast parse is tried
 * first and the slower "complex" parse only for shallow nesting, which bounds backtracking time.</li>
 * <li>JSqlParser backtracks exponentially on deep nesting, so the lexer first refuses nesting beyond
 * {@link #MAX_NESTING} and more than {@link #MAX_PAREN_RUN} {@code (} in a row that are not redundant (a run of
 * redundant brackets, {@code ((((x))))}, is read as {@code (x)}), each at the token that crosses the limit; and
 * {@link ParseWatchdog} stops a parse that still runs past {@link ParseWatchdog#LIMIT_MILLIS} of CPU time. Both are reported
 * as {@link SqlFragmentException#beyondLimit()}.</li>
 * <li>The tree is walked ({@code FragmentAnalyzer}) to collect columns, functions and aggregates and to reject
 * subqueries and a bare {@code *}.</li>
 * </ol>
 */
public final class SqlFragments {

    /** Longest fragment accepted, in chars: a guard against pasted garbage, far above any real expression. */
    public static final int MAX_LENGTH = 100_000;

    /** The placeholder for the mapped source column in a transform. */
    public static final String FROM_PLACEHOLDER = "{from}";

    /** CCJSqlParserUtil's bound: deeper input skips the complex parse, whose backtracking can explode. */
    private static final int MAX_COMPLEX_PARSE_NESTING = CCJSqlParserUtil.ALLOWED_NESTING_DEPTH;

    /** Reserved words that start a statement, never an expression: a clearer message than "unexpected SELECT". */
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("SELECT", "WITH", "MERGE", "CREATE", "SET");

    /**
     * Unreserved words that start a statement when a name follows ({@code DROP TABLE}, {@code DELETE FROM});
     * alone they may be a column ({@code update + 1}).
     */
    private static final Set<String> STATEMENT_WORDS = Set.of(
            "INSERT",
            "UPDATE",
            "DELETE",
            "DROP",
            "ALTER",
            "TRUNCATE",
            "DECLARE",
            "BEGIN",
            "CALL",
            "EXECUTE",
            "GRANT",
            "REVOKE",
            "EXPORT",
            "LOAD");

    /** BigQuery aggregate functions (SAFE. prefix removed before lookup). */
    private static final Set<String> AGGREGATES = Set.of(
            "ANY_VALUE",
            "ARRAY_AGG",
            "ARRAY_CONCAT_AGG",
            "AVG",
            "BIT_AND",
            "BIT_OR",
            "BIT_XOR",
            "COUNT",
            "COUNTIF",
            "GROUPING",
            "LOGICAL_AND",
            "LOGICAL_OR",
            "MAX",
            "MAX_BY",
            "MIN",
            "MIN_BY",
            "STRING_AGG",
            "SUM",
            "APPROX_COUNT_DISTINCT",
            "APPROX_QUANTILES",
            "APPROX_TOP_COUNT",
            "APPROX_TOP_SUM",
            "CORR",
            "COVAR_POP",
            "COVAR_SAMP",
            "STDDEV",
            "STDDEV_POP",
            "STDDEV_SAMP",
            "VARIANCE",
            "VAR_POP",
            "VAR_SAMP",
            "HLL_COUNT.INIT",
            "HLL_COUNT.MERGE",
            "HLL_COUNT.MERGE_PARTIAL",
            "KLL_QUANTILES.INIT_INT64",
            "KLL_QUANTILES.INIT_UINT64",
            "KLL_QUANTILES.INIT_DOUBLE",
            "KLL_QUANTILES.MERGE_PARTIAL",
            "KLL_QUANTILES.MERGE_INT64",
            "KLL_QUANTILES.MERGE_UINT64",
            "KLL_QUANTILES.MERGE_DOUBLE",
            "ST_UNION_AGG",
            "ST_CENTROID_AGG",
            "ST_EXTENT",
            "GROUP_CONCAT",
            "LISTAGG",
            "MEDIAN");

    private static final String TOO_DEEP =
            "the expression is nested too deeply (thousands of operators or brackets);" + " simplify it";

    /**
     * Deepest nesting of brackets and {@code CASE ... END} accepted. Hand-written fragments nest well under 15 deep
     * (a CASE chain 30 deep is already generated text); at 64, JSqlParser's recursion is still far from the stack
     * limit of a worker thread, while its backtracking, exponential in the depth, would otherwise run for hours.
     */
    static final int MAX_NESTING = 64;

    /**
     * Most {@code (} in a row JSqlParser 5.3 reads: its lookahead gives up on the 17th ({@code (((...(x)...)))} with
     * 17 brackets is refused as a syntax error). Only a run longer than this has its redundant brackets read as one.
     */
    static final int MAX_PAREN_RUN = 16;

    private static final Pattern LEXICAL_POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private SqlFragments() {}

    /**
     * Parses {@code text} as exactly one BigQuery expression.
     *
     * @param text            the fragment as written in the spec
     * @param fromReplacement the SQL substituted for every {@code {from}} (e.g. {@code crm_customers.phone});
     *                        null when the fragment has no mapped source column, which makes {@code {from}} an error
     * @throws SqlFragmentException with the 1-based line and column in {@code text} of the problem: the position
     *                              of the offending token, of an unclosed bracket, or of the {@code {from}} whose
     *                              substitution failed to parse
     */
    public static ParsedFragment parse(String text, String fromReplacement) throws SqlFragmentException {
        if (text == null || text.length() > MAX_LENGTH) {
            return parseUncached(text, fromReplacement); // rejected before any parsing; not worth a cache entry
        }
        // without a {from} the replacement is never used: one entry serves every caller
        String replacement = text.contains(FROM_PLACEHOLDER) ? fromReplacement : null;
        return result(CACHE.get(new FragmentCache.Key("parse", text, replacement), () -> {
            try {
                return parseUncached(text, replacement);
            } catch (SqlFragmentException e) {
                return e;
            }
        }));
    }

    /**
     * Empties the shared parse cache. For a caller that is done parsing a spec too large for the cache to have
     * helped much (it holds at most {@link FragmentCache#MAX_ENTRIES} fragments) and needs the memory for what comes
     * next; a later parse of the same text is simply a miss.
     */
    public static void releaseCache() {
        CACHE.clear();
        TIMED_OUT.clear();
    }

    /** A cached result: the fragment, or a fresh copy of the exception to throw. */
    private static ParsedFragment result(Object cached) throws SqlFragmentException {
        if (cached instanceof SqlFragmentException e) {
            throw new SqlFragmentException(e.getMessage(), e.line(), e.column(), e.beyondLimit());
        }
        return (ParsedFragment) cached;
    }

    /** {@link #parse} without the cache: every call runs JSqlParser. */
    static ParsedFragment parseUncached(String text, String fromReplacement) throws SqlFragmentException {
        if (text == null || text.isBlank()) {
            throw new SqlFragmentException("the SQL expression is empty", 1, 1);
        }
        if (text.length() > MAX_LENGTH) {
            throw new SqlFragmentException(
                    "the SQL expression is " + text.length() + " characters long; the limit is " + MAX_LENGTH, 1, 1);
        }
        SqlFragmentException slow = TIMED_OUT.get(text);
        if (slow != null) {
            throw new SqlFragmentException(slow.getMessage(), slow.line(), slow.column(), true);
        }
        TextPositions original = new TextPositions(text);
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(text);
        } catch (SqlLexer.LexicalError e) {
            throw new SqlFragmentException(e.getMessage(), e.line(), e.column());
        }
        List<SqlToken> code =
                tokens.stream().filter(t -> t.kind() != SqlToken.Kind.COMMENT).toList();
        if (code.isEmpty()) {
            throw new SqlFragmentException("the SQL expression is empty (it only has comments)", 1, 1);
        }
        Structure structure = checkStructure(code);
        Substitution substitution = substitute(text, tokens, fromReplacement, structure.hidden);
        NullHandlingOrder order = NullHandlingOrder.of(code);
        if (!order.isEmpty()) {
            // the parser reads the null handling moved behind the ORDER BY; the SQL stays as written
            String moved = order.apply(text);
            List<SqlToken> movedTokens;
            try {
                movedTokens = SqlLexer.tokenize(moved);
            } catch (SqlLexer.LexicalError e) {
                throw new IllegalStateException("moving a null handling changed the tokens of " + text, e);
            }
            Structure movedStructure = checkStructure(movedTokens.stream()
                    .filter(t -> t.kind() != SqlToken.Kind.COMMENT)
                    .toList());
            Substitution parser = substitute(moved, movedTokens, fromReplacement, movedStructure.hidden);
            substitution = new Substitution(parser.parserInput, substitution.sql, parser.segments, order::toOriginal);
        }

        ParseWatchdog.Budget budget = ParseWatchdog.budget();
        Attempt attempt = attempt(substitution.parserInput, false, budget);
        if (attempt.failure != null && !attempt.failure.timedOut && structure.depth <= MAX_COMPLEX_PARSE_NESTING) {
            Attempt complex = attempt(substitution.parserInput, true, budget);
            // keep the failure that got further: it is nearer the real mistake; a timed-out parse proves nothing
            if (complex.failure == null
                    || complex.failure.timedOut
                    || complex.failure.offset >= attempt.failure.offset) {
                attempt = complex;
            }
        }
        if (attempt.failure != null && attempt.failure.timedOut) {
            // located at the deepest bracket: backtracking grows with the nesting, so that is what to simplify
            SqlFragmentException e = limit(
                    structure.deepest,
                    "the SQL parser gave up after " + ParseWatchdog.LIMIT_MILLIS / 1000
                            + " s on this expression, nested " + structure.depth + " levels deep here: it backtracks"
                            + " exponentially on some nestings; simplify it (fewer nested calls or brackets)");
            TIMED_OUT.put(text, e);
            throw e;
        }
        if (attempt.failure != null) {
            Failure f = attempt.failure;
            int at = f.atEnd ? code.get(code.size() - 1).end() : substitution.toOriginal(f.offset);
            throw new SqlFragmentException(f.message, original.line(at), original.column(at), f.tooDeep);
        }

        Expression expression = attempt.expression;
        FragmentAnalyzer analyzer;
        try {
            analyzer = FragmentAnalyzer.analyze(expression);
        } catch (FragmentAnalyzer.Rejection r) {
            FragmentPosition p = position(r.node, substitution, original);
            throw new SqlFragmentException(r.getMessage(), p.line(), p.column());
        } catch (StackOverflowError e) {
            // JSqlParser builds "a + b + c ..." iteratively, but every tree walk (ours, toString) recurses:
            // thousands of chained operators parse yet cannot be processed
            throw new SqlFragmentException(TOO_DEEP, 1, 1, true);
        }
        Map<ColumnRef, FragmentPosition> positions = new LinkedHashMap<>();
        for (Map.Entry<ColumnRef, Column> e : analyzer.columns().entrySet()) {
            positions.put(e.getKey(), position(e.getValue(), substitution, original));
        }
        return new ParsedFragment(
                text,
                substitution.sql,
                expression,
                new ArrayList<>(positions.keySet()),
                positions,
                analyzer.containsAggregate(),
                analyzer.functions(),
                caseLiteralOutputs(expression));
    }

    /** Stands for {@code {from}} in templates; a name no spec column has. */
    private static final String SENTINEL_TABLE = "__spec_pipeline_from__";

    private static final ColumnRef SENTINEL = new ColumnRef(SENTINEL_TABLE, SENTINEL_TABLE);
    /** {@code table.column}, each part optionally in backticks: a replacement {@link #analyze} can specialise. */
    private static final Pattern QUALIFIED =
            Pattern.compile("(`?)([A-Za-z_][A-Za-z0-9_]*)\\1\\.(`?)([A-Za-z_][A-Za-z0-9_]*)\\3");

    /**
     * Texts whose parse ran out of time, whatever their {@code {from}} replacement: a fragment is parsed for several
     * replacements (validation's template, the real column, the translation check), and a replacement, always a
     * column name, does not change how long JSqlParser backtracks, so a hostile text costs one budget, not three.
     */
    private static final Map<String, SqlFragmentException> TIMED_OUT =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SqlFragmentException> eldest) {
                    return size() > 1_000;
                }
            });

    /** Parse results shared by all callers; see {@link FragmentCache} for the read-only invariant. */
    static final FragmentCache CACHE = new FragmentCache(FragmentCache.MAX_ENTRIES, FragmentCache.MAX_CHARS);

    /**
     * The column that stands for every {@code {from}} in a {@link #fromTemplate} tree. It is qualified with a
     * name no spec table has ({@code __spec_pipeline_from__.__spec_pipeline_from__}).
     */
    public static final ColumnRef FROM_COLUMN = SENTINEL;

    /**
     * Like {@link #parse} but for analysis only, and fast on large specs: a transform is a template
     * ({@code {from}} is a placeholder precisely so that it can be reused), so each distinct text is parsed once
     * and the result is specialised for {@code fromReplacement}. Columns, positions, aggregates, functions,
     * CASE outputs and {@code sql} are exactly those of {@link #parse}; the {@code expression} tree is the
     * shared template's, whose {@code {from}} column is a placeholder, so code generation must use
     * {@link #parse} (or {@link #fromTemplate} with a scope that binds the placeholder). Thread-safe.
     */
    public static ParsedFragment analyze(String text, String fromReplacement) throws SqlFragmentException {
        Matcher m = fromReplacement == null ? null : QUALIFIED.matcher(fromReplacement);
        if (text == null || m == null || !m.matches() || !text.contains(FROM_PLACEHOLDER)) {
            return parse(text, fromReplacement); // without a {from}, a parse is the same for every replacement
        }
        Optional<ParsedFragment> templated = fromTemplate(text);
        if (templated.isEmpty()) {
            return parse(text, fromReplacement);
        }
        ParsedFragment template = templated.get();
        ColumnRef actual = new ColumnRef(m.group(2), m.group(4));
        Map<ColumnRef, FragmentPosition> positions = new LinkedHashMap<>();
        for (ColumnRef c : template.columns()) {
            ColumnRef mapped = c.equals(SENTINEL) ? actual : c;
            FragmentPosition at = template.columnPositions().get(c);
            FragmentPosition before = positions.get(mapped);
            if (before == null
                    || at.line() < before.line()
                    || (at.line() == before.line() && at.column() < before.column())) {
                positions.put(mapped, at);
            }
        }
        List<ColumnRef> columns = new ArrayList<>(positions.keySet());
        return new ParsedFragment(
                text,
                template.sql().replace(SENTINEL.qualifiedName(), fromReplacement),
                template.expression(),
                columns,
                positions,
                template.containsAggregate(),
                template.functions(),
                template.caseLiteralOutputs());
    }

    /**
     * {@code text} parsed once for every mapped source column: each {@code {from}} is read as the column
     * {@link #FROM_COLUMN}, which the caller's {@link io.github.specpipeline.core.sql.dialect.RenderScope} binds to
     * the real source column when the tree is rendered or its columns are resolved. This gives the tree
     * {@link #parse}{@code (text, "`table`.`column`")} would give but the name of that one column, without a parse
     * per (text, column) pair; the result is cached like {@link #parse} (and read-only like it).
     *
     * <p>Empty when that reading would not be exact, and the caller must then {@link #parse} with the real column:
     * when the text has no {@code {from}} or spells the placeholder's name itself, when a {@code {from}} is not a
     * whole column of its own ({@code {from}.field}, {@code x.{from}}), or when the text does not parse.
     */
    public static Optional<ParsedFragment> fromTemplate(String text) {
        if (text == null
                || text.length() > MAX_LENGTH
                || !text.contains(FROM_PLACEHOLDER)
                || text.contains(SENTINEL_TABLE)) {
            return Optional.empty();
        }
        Object cached = CACHE.get(new FragmentCache.Key("template", text, null), () -> {
            try {
                ParsedFragment t = parse(text, SENTINEL.qualifiedName());
                return standsAlone(t) ? t : Boolean.FALSE;
            } catch (SqlFragmentException e) {
                return Boolean.FALSE;
            }
        });
        return cached instanceof ParsedFragment t ? Optional.of(t) : Optional.empty();
    }

    /**
     * Whether every substituted placeholder of a template became exactly one column node {@link #SENTINEL} that a
     * tree walk reaches: as many as the placeholder name occurs in the parsed text, in the printed tree and as
     * such nodes. (The text itself never spells the name; see {@link #fromTemplate}.)
     */
    private static boolean standsAlone(ParsedFragment template) {
        String name = SENTINEL.qualifiedName();
        int substituted = occurrences(template.sql(), name);
        String printed;
        int[] nodes = {0};
        try {
            printed = template.expression().toString();
            template.expression()
                    .accept(
                            new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
                                @Override
                                public <S> Void visit(Column c, S context) {
                                    if (isSentinel(c)) {
                                        nodes[0]++;
                                    }
                                    return super.visit(c, context);
                                }
                            },
                            null);
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
        return substituted > 0 && occurrences(printed, name) == substituted && nodes[0] == substituted;
    }

    private static boolean isSentinel(Column c) {
        if (!SENTINEL_TABLE.equals(c.getColumnName()) || c.getTable() == null) {
            return false;
        }
        List<String> parts = c.getTable().getNameParts().stream()
                .filter(p -> p != null && !p.isEmpty())
                .toList();
        return parts.size() == 1 && SENTINEL_TABLE.equals(parts.get(0));
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /**
     * Whether {@code name} is a BigQuery aggregate function (case-insensitive; a {@code SAFE.} prefix is ignored).
     * Beyond the listed names, every {@code STDDEV*}, {@code VAR_*} and {@code APPROX_*} function counts.
     */
    public static boolean isAggregateFunction(String name) {
        if (name == null) {
            return false;
        }
        String n = SqlLiterals.upper(name.strip());
        if (n.startsWith("SAFE.")) {
            n = n.substring(5);
        }
        return AGGREGATES.contains(n) || n.startsWith("STDDEV") || n.startsWith("VAR_") || n.startsWith("APPROX_");
    }

    // ---- lexical checks ------------------------------------------------------------------------------------

    /**
     * What {@link #checkStructure} found: the deepest bracket nesting and the token that opens it, and the offsets
     * of the redundant brackets the parser must not see.
     */
    private record Structure(int depth, SqlToken deepest, Set<Integer> hidden) {}

    /**
     * Rejects what is not one expression before JSqlParser sees it, and returns the bracket nesting depth.
     * Brackets are checked here because JSqlParser parses {@code x) OR (1=1} as {@code x} and would only
     * complain about the leftover text, and reports {@code SUM(} at the wrong place. Nesting beyond the limits
     * JSqlParser can read in bounded time is refused here too, located at the token that crosses the limit.
     */
    private static Structure checkStructure(List<SqlToken> code) throws SqlFragmentException {
        SqlToken first = code.get(0);
        boolean nameFollows = code.size() > 1
                && (code.get(1).kind() == SqlToken.Kind.IDENTIFIER
                        || code.get(1).kind() == SqlToken.Kind.QUOTED_IDENTIFIER);
        if (first.kind() == SqlToken.Kind.IDENTIFIER
                && (STATEMENT_KEYWORDS.contains(first.upper())
                        || (nameFollows && STATEMENT_WORDS.contains(first.upper())))) {
            throw at(first, "a SQL expression is expected, not a " + first.upper() + " statement");
        }
        Deque<Integer> open = new ArrayDeque<>(); // indexes into code
        int[] match = new int[code.size()];
        boolean[] comma = new boolean[code.size()]; // a bracket holds a list at its own level: (a, b)
        int depth = 0;
        SqlToken deepest = code.get(0);
        int cases = 0; // CASE ... END open, counted apart: END is matched loosely, the parser checks it
        for (int i = 0; i < code.size(); i++) {
            SqlToken t = code.get(i);
            if (t.isSymbol(';')) {
                throw at(t, "not exactly one expression: ';' ends a statement; a fragment is a single expression");
            }
            if (t.isSymbol(',') && !open.isEmpty()) {
                comma[open.peek()] = true;
            }
            boolean opens = t.isSymbol('(') || t.isSymbol('[') || t.isWord("CASE");
            if (t.isWord("CASE")) {
                cases++;
            } else if (t.isWord("END") && cases > 0) {
                cases--;
            }
            if (t.isSymbol('(') || t.isSymbol('[')) {
                open.push(i);
                if (open.size() > depth) {
                    depth = open.size();
                    deepest = t;
                }
            } else if (t.isSymbol(')') || t.isSymbol(']')) {
                char expected = t.isSymbol(')') ? '(' : '[';
                if (open.isEmpty()) {
                    throw at(t, "not exactly one expression: '" + t.text() + "' has no matching '" + expected + "'");
                }
                int openerIndex = open.pop();
                SqlToken opener = code.get(openerIndex);
                if (!opener.isSymbol(expected)) {
                    throw at(
                            t,
                            "'" + t.text() + "' does not match '" + opener.text() + "' opened at line " + opener.line()
                                    + ", column " + opener.column());
                }
                match[openerIndex] = i;
            }
            if (opens && open.size() + cases > MAX_NESTING) {
                throw limit(
                        t,
                        "the expression is nested more than " + MAX_NESTING + " levels deep (brackets and CASE"
                                + " expressions); the SQL parser cannot read it in reasonable time: simplify it");
            }
        }
        if (!open.isEmpty()) {
            SqlToken unclosed = code.get(open.getLast()); // the outermost one still open
            throw at(unclosed, "'" + unclosed.text() + "' is never closed");
        }
        return new Structure(depth, deepest, redundantBrackets(code, match, comma));
    }

    /**
     * The offsets of the brackets to hide from JSqlParser in runs of more than {@link #MAX_PAREN_RUN} {@code (}: in
     * {@code ((x))} the inner pair adds nothing and the run reads as {@code (x)}. A pair that holds a list
     * ({@code ((a, b))}, a struct) is kept. Refuses a run that stays too long once they are hidden.
     */
    private static Set<Integer> redundantBrackets(List<SqlToken> code, int[] match, boolean[] comma)
            throws SqlFragmentException {
        Set<Integer> hidden = new java.util.HashSet<>();
        for (int start = 0; start < code.size(); start++) {
            int end = start;
            while (end < code.size() && code.get(end).isSymbol('(')) {
                end++;
            }
            if (end - start > MAX_PAREN_RUN) {
                int kept = 0;
                for (int i = start; i < end; i++) {
                    boolean redundant = i > start && match[i] + 1 == match[i - 1] && !comma[i];
                    if (redundant) {
                        hidden.add(code.get(i).offset());
                        hidden.add(code.get(match[i]).offset());
                    } else if (++kept > MAX_PAREN_RUN) {
                        throw limit(
                                code.get(i),
                                "more than " + MAX_PAREN_RUN + " '(' in a row, which the SQL parser"
                                        + " cannot read; write the innermost part with fewer brackets");
                    }
                }
            }
            start = end;
        }
        return hidden;
    }

    private static SqlFragmentException limit(SqlToken t, String message) {
        return new SqlFragmentException(message, t.line(), t.column(), true);
    }

    private static SqlFragmentException at(SqlToken t, String message) {
        return new SqlFragmentException(message, t.line(), t.column());
    }

    // ---- {from} substitution -----------------------------------------------------------------------------------

    /** The parser input, the SQL for generation and the offset map between parser input and original text. */
    private static final class Substitution {
        final String parserInput;
        final TextPositions inputPositions;
        final String sql;
        /** Each substituted {from}: {original start, original end, input start, input end}. */
        final List<int[]> segments;

        /** Maps an offset of the text the segments refer to back to the written text ({@link NullHandlingOrder}). */
        final IntUnaryOperator unmoved;

        Substitution(String parserInput, String sql, List<int[]> segments) {
            this(parserInput, sql, segments, IntUnaryOperator.identity());
        }

        Substitution(String parserInput, String sql, List<int[]> segments, IntUnaryOperator unmoved) {
            this.parserInput = parserInput;
            this.inputPositions = new TextPositions(parserInput);
            this.sql = sql;
            this.segments = segments;
            this.unmoved = unmoved;
        }

        /** Maps an offset in the parser input to the original text; inside a substitution: its {from}. */
        int toOriginal(int inputOffset) {
            int delta = 0;
            for (int[] s : segments) {
                if (inputOffset < s[2]) {
                    break;
                }
                if (inputOffset < s[3]) {
                    return unmoved.applyAsInt(s[0]);
                }
                delta = s[1] - s[3];
            }
            return unmoved.applyAsInt(inputOffset + delta);
        }
    }

    /** @param hidden offsets of bracket tokens blanked in the parser input (kept in the generated SQL) */
    private static Substitution substitute(
            String text, List<SqlToken> tokens, String fromReplacement, Set<Integer> hidden)
            throws SqlFragmentException {
        StringBuilder input = new StringBuilder(text.length());
        StringBuilder sql = new StringBuilder(text.length());
        List<int[]> segments = new ArrayList<>();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean comment = t.kind() == SqlToken.Kind.COMMENT;
            boolean placeholder = isPlaceholder(tokens, i);
            if (hidden.contains(t.offset()) && t.kind() == SqlToken.Kind.SYMBOL) {
                input.append(text, copied, t.offset()).append(' ');
                sql.append(text, copied, t.end());
                copied = t.end();
                continue;
            }
            if (!comment && !placeholder) {
                continue;
            }
            input.append(text, copied, t.offset());
            sql.append(text, copied, t.offset());
            if (comment) {
                for (char c : t.text().toCharArray()) {
                    input.append(c == '\n' || c == '\r' ? c : ' ');
                }
                sql.append(' ');
                copied = t.end();
            } else {
                if (fromReplacement == null) {
                    throw at(t, FROM_PLACEHOLDER + " used but no from_table/from_column");
                }
                int end = tokens.get(i + 2).end();
                segments.add(new int[] {t.offset(), end, input.length(), input.length() + fromReplacement.length()});
                input.append(fromReplacement);
                sql.append(fromReplacement);
                copied = end;
                i += 2;
            }
        }
        input.append(text, copied, text.length());
        sql.append(text, copied, text.length());
        return new Substitution(input.toString(), sql.toString().strip(), segments);
    }

    /** {@code {from}} written as three adjacent tokens outside any literal or comment. */
    private static boolean isPlaceholder(List<SqlToken> tokens, int i) {
        if (i + 2 >= tokens.size()) {
            return false;
        }
        SqlToken open = tokens.get(i);
        SqlToken word = tokens.get(i + 1);
        SqlToken close = tokens.get(i + 2);
        return open.isSymbol('{')
                && word.kind() == SqlToken.Kind.IDENTIFIER
                && word.text().equals("from")
                && close.isSymbol('}')
                && word.offset() == open.end()
                && close.offset() == word.end();
    }

    // ---- JSqlParser ------------------------------------------------------------------------------------------

    /** Where and why a parse failed, as an offset in the parser input (or "at the end"). */
    private record Failure(String message, int offset, boolean atEnd, boolean timedOut, boolean tooDeep) {
        Failure(String message, int offset, boolean atEnd) {
            this(message, offset, atEnd, false, false);
        }
    }

    private record Attempt(Expression expression, Failure failure) {}

    private static Attempt attempt(String input, boolean complex, ParseWatchdog.Budget budget) {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(input)
                .withAllowComplexParsing(complex)
                .withBackslashEscapeCharacter(true); // BigQuery escapes quotes with a backslash: 'it\'s'
        Attempt attempt;
        try (ParseWatchdog.Watch watch = ParseWatchdog.watch(parser, budget)) {
            attempt = attempt(input, parser);
            if (watch.fired()) {
                return new Attempt(null, new Failure("timed out", 0, false, true, false));
            }
        }
        return attempt;
    }

    private static Attempt attempt(String input, CCJSqlParser parser) {
        TextPositions positions = new TextPositions(input);
        try {
            Expression expression = parser.Expression();
            Token next = parser.getNextToken();
            if (next.kind != CCJSqlParserConstants.EOF) {
                // JSqlParser backtracks to the longest expression it can: "a b" stops before b, "f(a,,b)" before "("
                return new Attempt(
                        null,
                        new Failure(
                                "not exactly one expression: cannot parse the text from " + describe(next) + " on",
                                positions.offset(next.beginLine, next.beginColumn),
                                false));
            }
            if (expression == null) {
                return new Attempt(null, new Failure("not a SQL expression", 0, false));
            }
            return new Attempt(expression, null);
        } catch (ParseException e) {
            Token bad = e.currentToken == null
                    ? null
                    : (e.currentToken.next != null ? e.currentToken.next : e.currentToken);
            if (bad == null) {
                return new Attempt(null, new Failure("syntax error: " + firstLine(e.getMessage()), 0, false));
            }
            if (bad.kind == CCJSqlParserConstants.EOF) {
                return new Attempt(null, new Failure("unexpected end of the expression", input.length(), true));
            }
            return new Attempt(
                    null,
                    new Failure(
                            "syntax error: unexpected " + describe(bad),
                            positions.offset(bad.beginLine, bad.beginColumn),
                            false));
        } catch (StackOverflowError e) {
            return new Attempt(null, new Failure(TOO_DEEP, 0, false, false, true));
        } catch (RuntimeException e) {
            // TokenMgrException (a char JSqlParser cannot lex) and JSqlParser's internal failures land here
            String message = firstLine(String.valueOf(e.getMessage()));
            Matcher m = LEXICAL_POSITION.matcher(message);
            int offset = m.find() ? positions.offset(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : 0;
            return new Attempt(null, new Failure("syntax error: " + message, offset, false));
        }
    }

    private static String describe(Token t) {
        String image = t.image;
        if (image.startsWith("{")) { // JSqlParser lexes "{t" and "{d" as JDBC escapes
            return "'{' (the only placeholder is " + FROM_PLACEHOLDER + ", written exactly so)";
        }
        return "'" + (image.length() > 40 ? image.substring(0, 40) + "..." : image) + "'";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** The original-text position of a parsed node, or the fragment start when JSqlParser did not record one. */
    private static FragmentPosition position(Object node, Substitution substitution, TextPositions original) {
        if (node instanceof ASTNodeAccess access) {
            SimpleNode ast = access.getASTNode();
            Token first = ast == null ? null : ast.jjtGetFirstToken();
            if (first != null) {
                int offset =
                        substitution.toOriginal(substitution.inputPositions.offset(first.beginLine, first.beginColumn));
                return new FragmentPosition(original.line(offset), original.column(offset));
            }
        }
        return FragmentPosition.START;
    }

    // ---- CASE outputs ----------------------------------------------------------------------------------------

    private static List<String> caseLiteralOutputs(Expression expression) {
        Expression top = BigQuerySyntax.unwrap(expression);
        if (!(top instanceof CaseExpression c)) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (WhenClause when : c.getWhenClauses()) {
            literal(when.getThenExpression()).ifPresent(values::add);
        }
        if (c.getElseExpression() != null) {
            literal(c.getElseExpression()).ifPresent(values::add);
        }
        return new ArrayList<>(values);
    }

    /** The value of a string or number literal; empty for NULL and anything computed. */
    private static Optional<String> literal(Expression expression) {
        Expression e = BigQuerySyntax.unwrap(expression);
        if (e instanceof StringValue s) {
            return Optional.of(stringValue(s));
        }
        if (e instanceof LongValue n) {
            return Optional.of(n.getStringValue());
        }
        if (e instanceof DoubleValue d) {
            return Optional.of(d.toString());
        }
        if (e instanceof SignedExpression s
                && (s.getExpression() instanceof LongValue || s.getExpression() instanceof DoubleValue)) {
            return literal(s.getExpression()).map(v -> s.getSign() == '-' ? "-" + v : v);
        }
        if (e instanceof Column c && c.getTable() == null) {
            return BigQuerySyntax.doubleQuotedString(c); // BigQuery "text" is a string
        }
        return Optional.empty();
    }

    /**
     * The value of a string literal node of a parsed fragment (escapes resolved, raw strings kept verbatim), for
     * generators that re-render literals in another dialect.
     */
    public static String stringLiteralValue(StringValue s) {
        return stringValue(s);
    }

    /** The value of a string literal token as written ({@code 'a'}, {@code r'\d'}); the text itself if it is none. */
    public static String parseLiteralText(String token) {
        return SqlLiterals.stringValue(token).orElse(token);
    }

    /**
     * The value of a BigQuery double-quoted string ({@code "text"}) that JSqlParser read as a column, or empty
     * when {@code column} is a real column reference.
     */
    public static Optional<String> doubleQuotedString(Column column) {
        return BigQuerySyntax.doubleQuotedString(column);
    }

    /**
     * A string literal's value. JSqlParser keeps escapes and mangles triple quotes, so the value is decoded
     * from the source token when the parser recorded it.
     */
    private static String stringValue(StringValue s) {
        SimpleNode ast = s.getASTNode();
        if (ast != null && ast.jjtGetFirstToken() != null && ast.jjtGetFirstToken() == ast.jjtGetLastToken()) {
            Optional<String> decoded = SqlLiterals.stringValue(ast.jjtGetFirstToken().image);
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
        return s.getPrefix() != null && s.getPrefix().toUpperCase(Locale.ROOT).contains("R")
                ? s.getValue()
                : SqlLiterals.unescape(s.getValue());
    }
}
