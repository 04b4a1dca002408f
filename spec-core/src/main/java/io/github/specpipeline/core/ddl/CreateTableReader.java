package io.github.specpipeline.core.ddl;

import io.github.specpipeline.core.sql.SqlToken;
import io.github.specpipeline.core.sql.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A token-based reader for one BigQuery {@code CREATE TABLE} statement.
 *
 * <p>It locates every name (JSqlParser records no positions for DDL) and reads the BigQuery forms JSqlParser
 * 5.3 rejects: {@code STRUCT<...>} and nested {@code ARRAY<ARRAY<...>>} types, {@code PRIMARY KEY (...) NOT
 * ENFORCED}, {@code PARTITION BY DATE(ts)}. The grammar it reads:
 *
 * <pre>
 * CREATE [OR REPLACE] [TEMP | TEMPORARY] TABLE [IF NOT EXISTS] name
 *   ( item [, item]... )
 *   [ DEFAULT COLLATE ... | PARTITION BY ... | CLUSTER BY ... | OPTIONS (...) | AS query ]...
 * item:   column_name type [ NOT NULL | DEFAULT expr | OPTIONS (...) | COLLATE '...' | PRIMARY KEY ... ]...
 *       | [CONSTRAINT name] PRIMARY KEY (...) ... | [CONSTRAINT name] FOREIGN KEY (...) ...
 * name:   part [. part]...    a part is a name or a backticked path; backticked paths are split at dots
 * </pre>
 *
 * Everything after the column list is skipped once its first keyword is recognised: it does not declare columns.
 */
final class CreateTableReader {

    /** A column as written, located by its name token. */
    record ColumnDef(String name, String type, boolean notNull, SqlToken nameToken) {}

    /** A table as written: its name parts (project, dataset, table, as many as given) and its columns. */
    record TableDef(List<String> nameParts, SqlToken nameToken, List<ColumnDef> columns) {}

    /** The statement is not a readable CREATE TABLE; {@code offset} is where in the file. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        Failure(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /** Words that end a column's type and start its options. */
    private static final Set<String> COLUMN_OPTION_WORDS =
            Set.of("NOT", "NULL", "DEFAULT", "OPTIONS", "COLLATE", "PRIMARY", "REFERENCES", "CONSTRAINT", "GENERATED");

    /** Words that may follow the column list. */
    private static final Set<String> TABLE_CLAUSE_WORDS =
            Set.of("DEFAULT", "PARTITION", "CLUSTER", "OPTIONS", "AS", "WITH");

    private final List<SqlToken> tokens;
    private final int endOffset;
    private int i;

    private CreateTableReader(List<SqlToken> tokens) {
        this.tokens = tokens;
        this.endOffset = tokens.get(tokens.size() - 1).end();
    }

    /** Reads one statement; {@code tokens} are its tokens without comments and without the closing ';'. */
    static TableDef read(List<SqlToken> tokens) throws Failure {
        return new CreateTableReader(tokens).statement();
    }

    private TableDef statement() throws Failure {
        SqlToken first = peek();
        if (!first.isWord("CREATE")) {
            throw fail(
                    first,
                    "only CREATE TABLE statements are read from source DDL; this statement starts with '" + first.text()
                            + "'");
        }
        i++;
        if (at("OR")) {
            i++;
            expectWord("REPLACE");
        }
        while (at("TEMP") || at("TEMPORARY")) {
            i++;
        }
        if (at("EXTERNAL") || at("SNAPSHOT")) {
            throw fail(
                    peek(),
                    "CREATE " + peek().upper() + " TABLE is not supported in source DDL; declare the table"
                            + " with CREATE TABLE and its column list");
        }
        if (!at("TABLE")) {
            SqlToken t = peekOrEnd();
            throw fail(
                    t,
                    "only CREATE TABLE statements are read from source DDL; found CREATE "
                            + (t == null ? "without an object type" : t.upper()));
        }
        i++;
        if (at("IF")) {
            i++;
            expectWord("NOT");
            expectWord("EXISTS");
        }
        SqlToken nameToken = peekOrEnd();
        List<String> parts = name();
        SqlToken open = peekOrEnd();
        if (open == null || !open.isSymbol('(')) {
            if (open != null
                    && (open.isWord("AS") || open.isWord("LIKE") || open.isWord("COPY") || open.isWord("CLONE"))) {
                throw fail(
                        open,
                        "CREATE TABLE ... " + open.upper() + " declares no columns; write the column list"
                                + " in the source DDL: CREATE TABLE " + String.join(".", parts)
                                + " (column TYPE, ...)");
            }
            throw fail(open, "expected '(' and the column list after the table name");
        }
        i++;
        List<ColumnDef> columns = new ArrayList<>();
        while (true) {
            SqlToken t = peekOrEnd();
            if (t == null) {
                throw fail(
                        null,
                        "the column list opened at line " + open.line() + ", column " + open.column()
                                + " is not closed");
            }
            if (t.isSymbol(')')) {
                throw fail(
                        t,
                        columns.isEmpty() && tokens.get(i - 1) == open
                                ? "the table has no columns"
                                : "expected a column definition after ','");
            }
            if (isConstraint()) {
                skipItem();
            } else {
                columns.add(column());
            }
            SqlToken sep = peekOrEnd();
            if (sep == null) {
                throw fail(
                        null,
                        "the column list opened at line " + open.line() + ", column " + open.column()
                                + " is not closed");
            }
            i++;
            if (sep.isSymbol(')')) {
                break;
            }
            if (!sep.isSymbol(',')) {
                throw fail(sep, "expected ',' or ')' after the definition, found '" + sep.text() + "'");
            }
        }
        if (columns.isEmpty()) {
            throw fail(open, "the table declares only constraints, no columns");
        }
        SqlToken rest = peekOrEnd();
        if (rest != null && !(rest.kind() == SqlToken.Kind.IDENTIFIER && TABLE_CLAUSE_WORDS.contains(rest.upper()))) {
            throw fail(rest, "unexpected '" + rest.text() + "' after the column list (a ';' may be missing)");
        }
        return new TableDef(parts, nameToken, columns);
    }

    /** A table name: parts separated by dots; a backticked part may itself be a dotted path. */
    private List<String> name() throws Failure {
        List<String> parts = new ArrayList<>();
        while (true) {
            SqlToken t = peekOrEnd();
            if (t == null || (t.kind() != SqlToken.Kind.IDENTIFIER && t.kind() != SqlToken.Kind.QUOTED_IDENTIFIER)) {
                throw fail(t, "expected a table name" + (t == null ? "" : ", found '" + t.text() + "'"));
            }
            i++;
            if (t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
                for (String p : t.identifierName().split("\\.", -1)) {
                    if (p.isEmpty()) {
                        throw fail(t, "table name " + t.text() + " has an empty part");
                    }
                    parts.add(p);
                }
            } else {
                parts.add(dashedName(t));
            }
            SqlToken dot = peekOrEnd();
            if (dot == null || !dot.isSymbol('.')) {
                return parts;
            }
            i++;
        }
    }

    /** BigQuery accepts an unquoted project name with dashes ({@code my-project.raw.t}): join adjacent pieces. */
    private String dashedName(SqlToken first) {
        StringBuilder sb = new StringBuilder(first.text());
        int end = first.end();
        while (i + 1 < tokens.size()
                && tokens.get(i).isSymbol('-')
                && tokens.get(i).offset() == end
                && tokens.get(i + 1).offset() == end + 1
                && tokens.get(i + 1).kind() != SqlToken.Kind.SYMBOL
                && tokens.get(i + 1).kind() != SqlToken.Kind.STRING) {
            sb.append('-').append(tokens.get(i + 1).text());
            end = tokens.get(i + 1).end();
            i += 2;
        }
        return sb.toString();
    }

    /** {@code name type [options]}, stopping before the ',' or ')' that ends it. */
    private ColumnDef column() throws Failure {
        SqlToken nameToken = peek();
        if (nameToken.kind() != SqlToken.Kind.IDENTIFIER && nameToken.kind() != SqlToken.Kind.QUOTED_IDENTIFIER) {
            throw fail(nameToken, "expected a column name, found '" + nameToken.text() + "'");
        }
        String name = nameToken.identifierName();
        i++;
        int typeStart = i;
        int angles = 0;
        int parens = 0;
        while (true) {
            SqlToken t = peekOrEnd();
            if (t == null) {
                break;
            }
            if (angles == 0
                    && parens == 0
                    && (t.isSymbol(',')
                            || t.isSymbol(')')
                            || (t.kind() == SqlToken.Kind.IDENTIFIER && COLUMN_OPTION_WORDS.contains(t.upper())))) {
                break;
            }
            if (t.isSymbol('<')) {
                angles++;
            } else if (t.isSymbol('>')) {
                if (--angles < 0) {
                    throw fail(t, "'>' without '<' in the type of column '" + name + "'");
                }
            } else if (t.isSymbol('(')) {
                parens++;
            } else if (t.isSymbol(')')) {
                parens--;
            }
            i++;
        }
        List<SqlToken> type = tokens.subList(typeStart, i);
        if (type.isEmpty()) {
            throw fail(peekOrEnd(), "column '" + name + "' has no type");
        }
        if (type.get(0).kind() != SqlToken.Kind.IDENTIFIER) {
            throw fail(
                    type.get(0),
                    "expected the type of column '" + name + "', found '"
                            + type.get(0).text() + "'");
        }
        if (angles > 0 || parens > 0) {
            throw fail(type.get(0), "the type of column '" + name + "' is not closed (unbalanced '<' or '(')");
        }
        // NOT NULL belongs to the column schema, before DEFAULT: after it, "IS NOT NULL" is part of the expression
        boolean notNull = false;
        boolean inDefault = false;
        parens = 0;
        while (true) {
            SqlToken t = peekOrEnd();
            if (t == null || (parens == 0 && (t.isSymbol(',') || t.isSymbol(')')))) {
                break;
            }
            if (t.isSymbol('(')) {
                parens++;
            } else if (t.isSymbol(')')) {
                parens--;
            } else if (parens == 0 && t.isWord("DEFAULT")) {
                inDefault = true;
            } else if (parens == 0
                    && !inDefault
                    && t.isWord("NOT")
                    && i + 1 < tokens.size()
                    && tokens.get(i + 1).isWord("NULL")) {
                notNull = true;
            }
            i++;
        }
        return new ColumnDef(name, SqlTypes.normaliseDeclared(type), notNull, nameToken);
    }

    /**
     * Whether a table constraint starts here: {@code PRIMARY KEY}, {@code FOREIGN KEY}, {@code CONSTRAINT name ...}.
     * Two words are checked because {@code primary} alone is a valid column name.
     */
    private boolean isConstraint() {
        SqlToken t = peek();
        SqlToken next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (next == null) {
            return false;
        }
        return ((t.isWord("PRIMARY") || t.isWord("FOREIGN")) && next.isWord("KEY"))
                || (t.isWord("CONSTRAINT")
                        && next.kind() != SqlToken.Kind.SYMBOL
                        && i + 2 < tokens.size()
                        && (tokens.get(i + 2).isWord("PRIMARY")
                                || tokens.get(i + 2).isWord("FOREIGN")));
    }

    /** Skips a table constraint up to the ',' or ')' that ends it. */
    private void skipItem() {
        int parens = 0;
        while (i < tokens.size()) {
            SqlToken t = tokens.get(i);
            if (parens == 0 && (t.isSymbol(',') || t.isSymbol(')'))) {
                return;
            }
            if (t.isSymbol('(')) {
                parens++;
            } else if (t.isSymbol(')')) {
                parens--;
            }
            i++;
        }
    }

    private void expectWord(String word) throws Failure {
        SqlToken t = peekOrEnd();
        if (t == null || !t.isWord(word)) {
            throw fail(t, "expected " + word + (t == null ? "" : ", found '" + t.text() + "'"));
        }
        i++;
    }

    private boolean at(String word) {
        return i < tokens.size() && tokens.get(i).isWord(word);
    }

    private SqlToken peek() {
        return tokens.get(i);
    }

    private SqlToken peekOrEnd() {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    /** A failure at {@code t}, or at the end of the statement when {@code t} is null. */
    private Failure fail(SqlToken t, String message) {
        if (t == null) {
            return new Failure(message + " (the statement ends here)", endOffset);
        }
        return new Failure(message, t.offset());
    }
}
