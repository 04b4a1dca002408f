package io.github.specpipeline.core.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Named expressions: a spec's (and a model's) {@code expressions} map, e.g.
 * {@code "phone_digits": "REGEXP_REPLACE({0}, r'[^0-9]', '')"}, called in any fragment as {@code @phone_digits(phone)}.
 * Expansion is textual and runs before every analysis, so GoogleSQL, types and lineage see the expanded SQL. It reads
 * tokens ({@link SqlLexer}), so an {@code @x} or a {@code {0}} inside a string literal, a quoted name or a comment is
 * text. Each argument is inserted in parentheses (unless it is a plain name or literal) and so is a body that is not
 * a single call, so {@code @twice(a + 1) * 2} keeps its precedence. {@code @@name} (BigQuery's system variables) is
 * left alone.
 */
public final class NamedExpressions {
    /** Deeper than this, expansion stops (reported as a cycle); a real chain of definitions is a few levels. */
    static final int MAX_DEPTH = 32;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SIMPLE = Pattern.compile(
            "\\s*(?:\\{from\\}|[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*|`[^`]*`(?:\\.`[^`]*`)*|-?[0-9]+(?:\\.[0-9]+)?)\\s*");

    /** What went wrong with a call or a definition. */
    public enum Kind {
        /** No expression of that name. */
        UNKNOWN,
        /** A call with another number of arguments than the definition's placeholders. */
        ARITY,
        /** A definition that reaches itself through calls. */
        CYCLE,
        /** A placeholder that is not {@code {0}}, {@code {1}}, ... (or {@code {from}}), an unclosed call, a bad name. */
        MALFORMED
    }

    /**
     * A problem at {@code offset} of the text that was expanded (the {@code @} of a call, or the placeholder); for
     * {@link Kind#UNKNOWN}, {@code hint} is the unknown name.
     */
    public record Problem(Kind kind, int offset, String message, String hint) {}

    /** The expanded text, and the problems of the calls in the text itself. */
    public record Result(String text, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** A definition with the number of arguments its placeholders ask for. */
    private record Definition(String body, int arity) {}

    private final Map<String, Definition> definitions = new LinkedHashMap<>();

    /**
     * The expressions in scope: {@code bodies} by name, later maps overriding earlier ones (a model's over the
     * spec's). Definitions whose placeholders are malformed are kept (their problems come from {@link #check}).
     */
    @SafeVarargs
    public NamedExpressions(Map<String, String>... bodies) {
        for (Map<String, String> map : bodies) {
            map.forEach((name, body) -> definitions.put(name, new Definition(body, arity(body))));
        }
    }

    /** The names in scope, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(definitions.keySet()));
    }

    public boolean isEmpty() {
        return definitions.isEmpty();
    }

    /** Whether {@code text} may hold a call (cheap: most fragments have no {@code @}). */
    public static boolean mayCall(String text) {
        return text != null && text.indexOf('@') >= 0;
    }

    /**
     * The problems of the definition {@code name} itself: a malformed name or placeholder, calls in its body to
     * unknown names or with a wrong arity, a cycle; offsets are in its body.
     */
    public List<Problem> check(String name) {
        List<Problem> problems = new ArrayList<>();
        Definition d = definitions.get(name);
        if (!NAME.matcher(name).matches()) {
            problems.add(new Problem(
                    Kind.MALFORMED,
                    0,
                    "expression name " + quoted(name) + " is not a plain name",
                    "use letters, digits and underscores, starting with a letter or underscore"));
        }
        problems.addAll(placeholderProblems(d.body()));
        List<String> stack = new ArrayList<>(List.of(name));
        problems.addAll(expand(d.body(), stack, 0).problems());
        return problems;
    }

    /** Expands every call in {@code text}; problems are located in {@code text}. */
    public Result expand(String text) {
        if (!mayCall(text)) {
            return new Result(text, List.of());
        }
        return expand(text, new ArrayList<>(), 0);
    }

    private Result expand(String text, List<String> stack, int depth) {
        if (depth > MAX_DEPTH) {
            // calls in arguments of calls, this deep: no real spec; stop before the stack does
            return new Result(
                    text,
                    List.of(new Problem(
                            Kind.MALFORMED,
                            0,
                            "named expression calls are nested more than " + MAX_DEPTH + " deep",
                            "write the SQL out, or nest fewer calls")));
        }
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(text);
        } catch (SqlLexer.LexicalError e) {
            return new Result(text, List.of()); // the fragment's own parse reports it, located
        }
        List<Problem> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken at = tokens.get(i);
            if (!isCall(tokens, i)) {
                continue;
            }
            String name = tokens.get(i + 1).text();
            int end = tokens.get(i + 1).end();
            List<int[]> args = new ArrayList<>();
            int next = i + 2;
            if (next < tokens.size() && tokens.get(next).isSymbol('(')) {
                int close = matching(tokens, next);
                if (close < 0) {
                    problems.add(new Problem(
                            Kind.MALFORMED,
                            at.offset(),
                            "call of @" + name + " has no closing parenthesis",
                            "close the argument list: @" + name + "(...)"));
                    break; // every later call is inside the unclosed one: one finding, and no quadratic rescans
                }
                args = arguments(tokens, next, close);
                end = tokens.get(close).end();
                next = close + 1;
            }
            Definition d = definitions.get(name);
            if (d == null) {
                // the hint ("did you mean") is the caller's, who knows the names in scope: names()
                problems.add(new Problem(Kind.UNKNOWN, at.offset(), "unknown named expression @" + name, name));
                i = next - 1;
                continue;
            }
            if (d.arity() != args.size()) {
                problems.add(new Problem(
                        Kind.ARITY,
                        at.offset(),
                        "@" + name + " takes " + d.arity() + " argument" + (d.arity() == 1 ? "" : "s") + " but is"
                                + " given " + args.size(),
                        "call it as @" + name + signature(d.arity())));
                i = next - 1;
                continue;
            }
            if (stack.contains(name)) {
                List<String> cycle = new ArrayList<>(stack.subList(Math.max(0, stack.indexOf(name)), stack.size()));
                cycle.add(name);
                problems.add(new Problem(
                        Kind.CYCLE,
                        at.offset(),
                        "named expressions call each other in a cycle: @" + String.join(" -> @", cycle),
                        "break the cycle: an expression cannot use itself"));
                i = next - 1;
                continue;
            }
            List<String> expandedArgs = new ArrayList<>();
            boolean failed = false;
            for (int[] a : args) {
                // a call inside an argument: its problems are located in this text
                Result r = expand(text.substring(a[0], a[1]), stack, depth + 1);
                for (Problem p : r.problems()) {
                    problems.add(new Problem(p.kind(), a[0] + p.offset(), p.message(), p.hint()));
                }
                failed |= !r.problems().isEmpty();
                expandedArgs.add(r.text());
            }
            if (failed) {
                i = next - 1;
                continue; // an argument left unexpanded must not be read as a call inside the body (a false cycle)
            }
            stack.add(name);
            Result expandedBody = expand(substitute(d.body(), expandedArgs), stack, depth + 1);
            stack.remove(stack.size() - 1);
            if (!expandedBody.problems().isEmpty()) {
                // the definition's own problem (also reported there), named at this call: it cannot be expanded
                Problem first = expandedBody.problems().get(0);
                problems.add(new Problem(
                        first.kind(),
                        at.offset(),
                        "@" + name + " cannot be expanded: " + first.message(),
                        first.hint()));
                failed = true;
            }
            if (failed) {
                i = next - 1;
                continue;
            }
            String body = expandedBody.text();
            out.append(text, copied, at.offset()).append(simpleCall(body) ? body.strip() : "(" + body.strip() + ")");
            copied = end;
            i = next - 1;
        }
        if (copied == 0) {
            return new Result(text, problems);
        }
        out.append(text, copied, text.length());
        return new Result(out.toString(), problems);
    }

    /**
     * Whether the token at {@code i} is the {@code @} of a call: {@code @name} written together, not BigQuery's
     * {@code @@name} system variable.
     */
    private static boolean isCall(List<SqlToken> tokens, int i) {
        SqlToken at = tokens.get(i);
        if (!at.isSymbol('@')
                || i + 1 >= tokens.size()
                || tokens.get(i + 1).kind() != SqlToken.Kind.IDENTIFIER
                || tokens.get(i + 1).offset() != at.end()
                || (i > 0
                        && tokens.get(i - 1).isSymbol('@')
                        && tokens.get(i - 1).end() == at.offset())) {
            return false;
        }
        return !(i + 2 < tokens.size()
                && tokens.get(i + 2).isSymbol('@')
                && tokens.get(i + 2).offset() == at.end());
    }

    /**
     * The names {@code text} calls itself (calls in its arguments included, not those inside the bodies it calls),
     * each once, in the order of their first call; none for text that does not lex (its own parse reports that).
     */
    public static List<String> calls(String text) {
        if (!mayCall(text)) {
            return List.of();
        }
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(text);
        } catch (SqlLexer.LexicalError e) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (isCall(tokens, i)) {
                names.add(tokens.get(i + 1).text());
            }
        }
        return List.copyOf(names);
    }

    /** The number of arguments {@code name} takes (one more than its highest placeholder), or empty when unknown. */
    public Optional<Integer> arityOf(String name) {
        Definition d = definitions.get(name);
        return d == null ? Optional.empty() : Optional.of(d.arity());
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, or -1. */
    private static int matching(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            SqlToken t = tokens.get(k);
            if (t.isSymbol('(') || t.isSymbol('[')) {
                depth++;
            } else if (t.isSymbol(')') || t.isSymbol(']')) {
                depth--;
                if (depth == 0) {
                    return t.isSymbol(')') ? k : -1;
                }
            }
        }
        return -1;
    }

    /** The arguments between {@code open} and {@code close}, as start and end offsets, split at commas of depth one. */
    private static List<int[]> arguments(List<SqlToken> tokens, int open, int close) {
        List<int[]> args = new ArrayList<>();
        if (close == open + 1) {
            return args; // @name()
        }
        int depth = 0;
        int start = tokens.get(open).end();
        for (int k = open + 1; k < close; k++) {
            SqlToken t = tokens.get(k);
            if (t.isSymbol('(') || t.isSymbol('[')) {
                depth++;
            } else if (t.isSymbol(')') || t.isSymbol(']')) {
                depth--;
            } else if (t.isSymbol(',') && depth == 0) {
                args.add(new int[] {start, t.offset()});
                start = t.end();
            }
        }
        args.add(new int[] {start, tokens.get(close).offset()});
        return args;
    }

    /** {@code body} with each {@code {i}} (a token sequence, so not inside a literal) replaced by argument i. */
    private static String substitute(String body, List<String> args) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(body);
        } catch (SqlLexer.LexicalError e) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Optional<Integer> index = placeholder(tokens, i);
            if (index.isPresent() && index.get() < args.size()) {
                String arg = args.get(index.get()).strip();
                out.append(body, copied, tokens.get(i).offset())
                        .append(
                                SIMPLE.matcher(arg).matches()
                                                || isOneToken(arg)
                                                || parenthesised(arg)
                                                || simpleCall(arg)
                                        ? arg
                                        : "(" + arg + ")");
                copied = tokens.get(i + 2).end();
                i += 2;
            }
        }
        out.append(body, copied, body.length());
        return out.toString();
    }

    /** Whether the text is one parenthesised whole: {@code (a + b)}, not {@code (a) + (b)}. */
    private static boolean parenthesised(String text) {
        try {
            List<SqlToken> tokens = SqlLexer.tokenize(text);
            return tokens.size() >= 2 && tokens.get(0).isSymbol('(') && matching(tokens, 0) == tokens.size() - 1;
        } catch (SqlLexer.LexicalError e) {
            return false;
        }
    }

    private static boolean isOneToken(String text) {
        try {
            return SqlLexer.tokenize(text).size() == 1;
        } catch (SqlLexer.LexicalError e) {
            return false;
        }
    }

    /** The number of {@code {i}} at token {@code i}: {@code {}, a number, {@code }} with nothing between. */
    private static Optional<Integer> placeholder(List<SqlToken> tokens, int i) {
        if (i + 2 >= tokens.size()) {
            return Optional.empty();
        }
        SqlToken open = tokens.get(i);
        SqlToken number = tokens.get(i + 1);
        SqlToken close = tokens.get(i + 2);
        if (open.isSymbol('{')
                && number.kind() == SqlToken.Kind.NUMBER
                && close.isSymbol('}')
                && number.offset() == open.end()
                && close.offset() == number.end()
                && number.text().matches("[0-9]{1,3}")) {
            return Optional.of(Integer.parseInt(number.text()));
        }
        return Optional.empty();
    }

    /** The arity of a body: one more than its highest placeholder. */
    private static int arity(String body) {
        int max = -1;
        try {
            List<SqlToken> tokens = SqlLexer.tokenize(body);
            for (int i = 0; i < tokens.size(); i++) {
                Optional<Integer> p = placeholder(tokens, i);
                if (p.isPresent()) {
                    max = Math.max(max, p.get());
                }
            }
        } catch (SqlLexer.LexicalError e) {
            return 0;
        }
        return max + 1;
    }

    /** Placeholders other than {@code {0}}, {@code {1}}, ... and {@code {from}}, and numbers left out. */
    private static List<Problem> placeholderProblems(String body) {
        List<Problem> problems = new ArrayList<>();
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(body);
        } catch (SqlLexer.LexicalError e) {
            return problems;
        }
        boolean[] used = new boolean[arity(body)];
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (!t.isSymbol('{')) {
                continue;
            }
            Optional<Integer> p = placeholder(tokens, i);
            if (p.isPresent()) {
                used[p.get()] = true;
                continue;
            }
            boolean from = i + 2 < tokens.size()
                    && tokens.get(i + 1).isWord("from")
                    && tokens.get(i + 2).isSymbol('}');
            if (!from) {
                problems.add(new Problem(
                        Kind.MALFORMED,
                        t.offset(),
                        "malformed placeholder in a named expression: write {0}, {1}, ... for the arguments",
                        "arguments are numbered from {0}; {from} is the column mapping's source column"));
            }
        }
        for (int k = 0; k < used.length; k++) {
            if (!used[k]) {
                problems.add(new Problem(
                        Kind.MALFORMED,
                        0,
                        "the named expression uses {" + (used.length - 1) + "} but not {" + k + "}",
                        "number the arguments from {0} without gaps"));
            }
        }
        return problems;
    }

    /** Whether the body is one function call (or a plain name), which needs no parentheses around it. */
    private static boolean simpleCall(String body) {
        String b = body.strip();
        if (SIMPLE.matcher(b).matches()) {
            return true;
        }
        try {
            List<SqlToken> tokens = SqlLexer.tokenize(b);
            return tokens.size() >= 3
                    && tokens.get(0).kind() == SqlToken.Kind.IDENTIFIER
                    && tokens.get(1).isSymbol('(')
                    && matching(tokens, 1) == tokens.size() - 1;
        } catch (SqlLexer.LexicalError e) {
            return false;
        }
    }

    private static String signature(int arity) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < arity; k++) {
            parts.add("arg" + (k + 1));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String quoted(String s) {
        return "'" + s + "'";
    }
}
