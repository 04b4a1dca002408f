package io.github.specpipeline.core.sql.dialect;

import org.junit.jupiter.api.Test;

class FunctionDifferentialTest {
    public static void main(String[] args) throws Exception {
        new FunctionDifferentialTest().print();
    }

    @Test
    void print() throws Exception {
        for (FunctionDifferential.Result r : FunctionDifferential.results()) {
            System.out.println((r.asDeclared() ? "ok   " : "FAIL ") + r.outcome() + " " + r.c().id() + " => BQ "
                    + r.bigQuery().show()
                    + (r.bigQuery().isError() ? " " + r.bigQuery().text() : "") + " | DUCK "
                    + (r.duckDb() == null
                            ? r.refusal()
                            : r.duckDb().show()
                                    + (r.duckDb().isError() ? " " + r.duckDb().text() : ""))
                    + " | " + r.duckDbSql());
        }
    }
}
