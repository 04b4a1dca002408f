package io.github.specpipeline.core.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects diagnostics from every stage; hands them out in a stable order. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void addAll(Iterable<Diagnostic> diagnostics) {
        diagnostics.forEach(items::add);
    }

    /** All diagnostics, de-duplicated and sorted by file, position and code. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items.stream().distinct().toList());
        copy.sort(Diagnostic.ORDER);
        return Collections.unmodifiableList(copy);
    }

    public long count(Severity severity) {
        return items.stream().filter(d -> d.severity() == severity).distinct().count();
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    /** Position access for {@code json.Reporter}, which locates deferred diagnostics in place. */
    public int size() {
        return items.size();
    }

    public Diagnostic get(int index) {
        return items.get(index);
    }

    public void set(int index, Diagnostic diagnostic) {
        items.set(index, diagnostic);
    }

    /** Keeps the first {@code size} diagnostics. */
    public void truncate(int size) {
        items.subList(size, items.size()).clear();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
