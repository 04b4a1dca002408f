package io.github.specpipeline.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.statement.select.OrderByElement;

/** The window function calls ({@code f(...) OVER (...)}) of a fragment, with what makes their row choice. */
public final class WindowCalls {

    /**
     * Window functions whose value depends on which of several tied rows comes first: with ties in the window's
     * ORDER BY (or no ORDER BY) the engine picks, and two runs may keep different rows. RANK and DENSE_RANK give
     * ties the same value, and aggregates over the whole frame do not depend on the order.
     */
    private static final Set<String> ORDER_SENSITIVE = Set.of(
            "ROW_NUMBER",
            "NTILE",
            "LAG",
            "LEAD",
            "FIRST_VALUE",
            "LAST_VALUE",
            "NTH_VALUE",
            "PERCENT_RANK",
            "CUME_DIST");

    /**
     * One window call.
     *
     * @param name      the function, upper case
     * @param partition the PARTITION BY expressions
     * @param orderBy   the ORDER BY expressions (without direction)
     */
    public record Call(String name, List<Expression> partition, List<Expression> orderBy) {
        public Call {
            partition = List.copyOf(partition);
            orderBy = List.copyOf(orderBy);
        }

        /** Whether ties in the order make the result depend on the engine's choice. */
        public boolean orderSensitive() {
            return ORDER_SENSITIVE.contains(name);
        }
    }

    private WindowCalls() {}

    /** Whether the expression calls a window function. */
    public static boolean contains(Expression tree) {
        return !find(tree).isEmpty();
    }

    /** The window calls, outermost first in reading order. */
    public static List<Call> find(Expression tree) {
        List<Call> out = new ArrayList<>();
        tree.accept(
                new ExpressionVisitorAdapter<Void>() {
                    @Override
                    public <S> Void visit(AnalyticExpression a, S context) {
                        if (a.getType() != AnalyticType.FILTER_ONLY && a.getType() != AnalyticType.WITHIN_GROUP) {
                            List<Expression> partition = new ArrayList<>();
                            if (a.getPartitionExpressionList() != null) {
                                partition.addAll(a.getPartitionExpressionList());
                            }
                            List<Expression> order = new ArrayList<>();
                            if (a.getOrderByElements() != null) {
                                for (OrderByElement o : a.getOrderByElements()) {
                                    order.add(o.getExpression());
                                }
                            }
                            out.add(new Call(SqlLiterals.upper(a.getName()), partition, order));
                        }
                        return super.visit(a, context);
                    }
                },
                null);
        return out;
    }
}
