package io.github.specpipeline.core.sql.dialect;

/**
 * What a dialect does with one BigQuery function: keeps the call as written (BigQuery itself), translates it, or
 * refuses it with the reason the diagnostic (SP304) gives. Every function a dialect knows has one entry in its
 * rules table; a function with no entry is refused with no further reason.
 */
public sealed interface FunctionRule {

    /** The SQL for the call, or the call's text after a refusal is recorded in {@code call}. */
    String render(Call call);

    /** BigQuery: the call is written as the spec wrote it (its column references rendered by the scope). */
    record AsWritten() implements FunctionRule {
        @Override
        public String render(Call call) {
            return call.asWritten();
        }
    }

    /**
     * A translation; it may still refuse a particular call (a pattern that is not a literal, an argument count
     * it does not translate), through {@link Call#refuse}.
     */
    record Translated(Translation translation) implements FunctionRule {
        @Override
        public String render(Call call) {
            return call.translated(translation);
        }
    }

    /** The dialect has no faithful translation of the function at all. */
    record Refused(String reason) implements FunctionRule {
        @Override
        public String render(Call call) {
            return call.translated(c -> c.refuse(reason));
        }
    }

    /** How one function is written in a dialect. */
    @FunctionalInterface
    interface Translation {
        String render(Call call);
    }
}
