package io.github.specpipeline.core.task;

import io.github.specpipeline.core.generate.TranslationCheck;
import io.github.specpipeline.core.model.Aggregation;
import io.github.specpipeline.core.model.ColumnMapping;
import io.github.specpipeline.core.model.DataTest;
import io.github.specpipeline.core.model.Filter;
import io.github.specpipeline.core.model.Join;
import io.github.specpipeline.core.model.Model;
import io.github.specpipeline.core.model.Spec;
import io.github.specpipeline.core.sql.SqlFragmentException;
import io.github.specpipeline.core.sql.SqlFragments;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the SQL fragments of a spec into the shared parse cache in a second thread while validation, in the
 * caller's thread, asks for them. Validation goes first model first; this goes last model first, so the two meet
 * in the middle and a fragment is parsed once either way (a fragment one thread is parsing, the other waits for).
 * Only the cache is touched: what validation reports, and in what order, does not change; parsing is a function of
 * the text. Does nothing on one processor.
 *
 * <p>Only short, shallow fragments are prefetched: the deepest nesting a parse survives depends on the stack of the
 * thread that runs it, so a fragment near that limit is left to the caller's thread, as before.
 */
final class FragmentPrefetch {

    /** Longest fragment prefetched, in chars. */
    static final int MAX_LENGTH = 1_000;

    /** Most brackets a prefetched fragment may have. */
    static final int MAX_BRACKETS = 32;

    private volatile boolean stopped;
    private final Background<Void> thread;

    private FragmentPrefetch(Spec spec) {
        thread = Background.start("spec-pipeline-prefetch", () -> {
            run(spec);
            return null;
        });
    }

    /** Starts prefetching {@code spec}'s fragments, or returns null on one processor. */
    static FragmentPrefetch start(Spec spec) {
        return Runtime.getRuntime().availableProcessors() > 1 ? new FragmentPrefetch(spec) : null;
    }

    /** Stops prefetching (the fragment being parsed is finished) and waits for the thread to end. */
    void stop() {
        stopped = true;
        thread.awaitQuietly();
    }

    private void run(Spec spec) {
        List<Model> models = spec.models();
        for (int i = models.size() - 1; i >= 0 && !stopped; i--) {
            for (String[] fragment : fragments(models.get(i))) {
                if (stopped) {
                    return;
                }
                try {
                    prefetch(fragment[0], fragment[1] != null);
                } catch (RuntimeException | StackOverflowError e) {
                    return; // the caller's thread meets the same problem when it parses the fragment, and handles it
                }
            }
        }
    }

    /** What validation parses: a fragment, and whether it is a transform (whose {@code {from}} is replaced). */
    private static List<String[]> fragments(Model m) {
        List<String[]> out = new ArrayList<>();
        for (ColumnMapping c : m.columns()) {
            if (c.transform() != null) {
                out.add(new String[] {c.transform(), "from"});
            }
            tests(c.tests(), out);
        }
        for (Join j : m.joins()) {
            if (j.condition() != null) {
                out.add(new String[] {j.condition(), null});
            }
        }
        for (Filter f : m.filters()) {
            out.add(new String[] {f.predicate(), null});
        }
        for (Aggregation a : m.aggregations()) {
            out.add(new String[] {a.formula(), null});
            tests(a.tests(), out);
        }
        if (m.constraints().partitionBy() != null) {
            out.add(new String[] {m.constraints().partitionBy(), null});
        }
        return out;
    }

    private static void tests(List<DataTest> tests, List<String[]> out) {
        for (DataTest t : tests) {
            if (t instanceof DataTest.Expression e) {
                out.add(new String[] {e.sql(), null});
            }
        }
    }

    private static void prefetch(String text, boolean transform) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH || brackets(text) > MAX_BRACKETS) {
            return;
        }
        try {
            if (transform && text.contains(SqlFragments.FROM_PLACEHOLDER)) {
                SqlFragments.fromTemplate(text); // what validation and planning use
                SqlFragments.parse(text, TranslationCheck.SAME_LENGTH_FROM); // what the translation check uses
            } else {
                SqlFragments.parse(text, null);
            }
        } catch (SqlFragmentException e) {
            // cached as the fragment's result; validation reports it
        }
    }

    private static int brackets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                n++;
            }
        }
        return n;
    }
}
