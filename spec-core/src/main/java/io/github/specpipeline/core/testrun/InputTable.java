package io.github.specpipeline.core.testrun;

import java.util.ArrayList;
import java.util.List;

/**
 * A table that exists for one query only: a unit test's given rows for one source of the model under test.
 *
 * @param name    the table's name without schema; {@link TestEngine#inputRelation} says how a query reads it
 * @param columns column names, in the order of each row's values
 * @param types   their types
 * @param rows    values in {@link Values#canonical} text form, null for NULL
 */
public record InputTable(String name, List<String> columns, List<ColumnType> types, List<String[]> rows) {
    public InputTable {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = new ArrayList<>(rows);
    }
}
