package io.github.specpipeline.core.ddl;

import io.github.specpipeline.core.sql.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.schema.MultiPartName;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * Reads a CREATE TABLE statement with JSqlParser, the preferred reader.
 *
 * <p>JSqlParser 5.3 parses the plain BigQuery forms (backticked paths, {@code NUMERIC(10,2)}, {@code ARRAY<T>},
 * column {@code OPTIONS(...)}) but not {@code STRUCT<...>}, {@code ARRAY<ARRAY<T>>}, {@code NOT ENFORCED} or
 * {@code PARTITION BY DATE(ts)}, and it also accepts nonsense such as {@code CREATE TABLE t a INT64} as a table
 * without columns. So an answer is only returned for a CREATE TABLE with columns, and {@link SourceDdlReader}
 * uses it only where it matches what {@link CreateTableReader} read (same table, same column names); that
 * reader decides acceptance and supplies the positions JSqlParser does not record.
 *
 * <p>The fast (non-"complex") parse runs in the calling thread: {@code CCJSqlParserUtil.parseStatements} would
 * start an executor thread per call and leave a timed-out parse running in the background.
 */
final class JSqlCreateTable {

    private JSqlCreateTable() {}

    /** What JSqlParser read; column lists are in declaration order. */
    record Result(List<String> nameParts, List<String> columnNames, List<String> types, List<Boolean> notNull) {}

    /** Parses one statement (comments already blanked, no ';'); empty when JSqlParser cannot read it as a table. */
    static Optional<Result> read(String statement) {
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(statement)
                    .withAllowComplexParsing(false)
                    .withBackslashEscapeCharacter(true);
            Statement st = parser.Statement();
            if (parser.getNextToken().kind != CCJSqlParserConstants.EOF
                    || !(st instanceof CreateTable ct)
                    || ct.getColumnDefinitions() == null
                    || ct.getColumnDefinitions().isEmpty()) {
                return Optional.empty();
            }
            List<String> parts = new ArrayList<>();
            for (String part : ct.getTable().getNameParts()) { // innermost first
                if (part != null) {
                    parts.add(0, MultiPartName.unquote(part));
                }
            }
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<Boolean> notNull = new ArrayList<>();
            for (ColumnDefinition cd : ct.getColumnDefinitions()) {
                names.add(MultiPartName.unquote(cd.getColumnName()));
                types.add(SqlTypes.normaliseDeclared(cd.getColDataType().toString()));
                notNull.add(hasNotNull(cd.getColumnSpecs()));
            }
            return Optional.of(new Result(parts, names, types, notNull));
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            return Optional.empty(); // the token reader reports the problem with a precise position
        }
    }

    private static boolean hasNotNull(List<String> specs) {
        if (specs == null) {
            return false;
        }
        for (int k = 0; k + 1 < specs.size(); k++) {
            String spec = specs.get(k).toUpperCase(Locale.ROOT);
            if (spec.equals("DEFAULT")) {
                return false; // what follows is the default expression, e.g. "x IS NOT NULL"
            }
            if (spec.equals("NOT") && specs.get(k + 1).toUpperCase(Locale.ROOT).equals("NULL")) {
                return true;
            }
        }
        return false;
    }
}
