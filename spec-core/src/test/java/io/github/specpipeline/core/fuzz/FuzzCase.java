package io.github.specpipeline.core.fuzz;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One fuzz input: a whole small project (spec, source DDL, seeds) as file contents, with the mutation that made
 * it. Written to disk as {@code case.properties} plus a {@code project/} folder, so a finding can be replayed.
 *
 * @param family   which input family was mutated
 * @param id       a stable name, e.g. {@code sql-000042}
 * @param mutation what was done to the base project, for the person who reads the finding
 * @param files    path relative to the project (with '/') to bytes, sorted
 */
public record FuzzCase(FuzzFamily family, String id, String mutation, Map<String, byte[]> files) {
    public static final String SPEC = "src/main/spec/spec.json";
    public static final String DDL = "src/main/spec/source_ddl";
    public static final String SEEDS = "src/test/seeds";
    static final String PROPERTIES = "case.properties";
    static final String PROJECT = "project";

    public FuzzCase {
        files = new TreeMap<>(files);
    }

    /** Writes the project's files under {@code projectDir}. */
    public void writeProject(Path projectDir) throws IOException {
        Files.createDirectories(projectDir.resolve(DDL));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = projectDir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }

    /** Saves the case (for replay) in {@code dir}: {@code case.properties} and {@code project/}. */
    public void save(Path dir, Map<String, String> extra) throws IOException {
        Files.createDirectories(dir);
        writeProject(dir.resolve(PROJECT));
        Properties p = new Properties();
        p.setProperty("family", family.id());
        p.setProperty("id", id);
        p.setProperty("mutation", mutation);
        extra.forEach(p::setProperty);
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(
                    w,
                    "spec-pipeline fuzz case; replay: ./mvnw -pl spec-core test -Dtest=FuzzReplayTest -Dfuzz.replay=<this folder or its parent>");
        }
    }

    /** Reads a case saved by {@link #save}. */
    public static FuzzCase load(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Path project = dir.resolve(PROJECT);
        Map<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(project)) {
            try (Stream<Path> walk = Files.walk(project)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    files.put(project.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
        FuzzFamily family = FuzzFamily.valueOf(p.getProperty("family", "json").toUpperCase(java.util.Locale.ROOT));
        return new FuzzCase(
                family, p.getProperty("id", dir.getFileName().toString()), p.getProperty("mutation", ""), files);
    }

    /** The same project with one file replaced ({@code content} null: removed). */
    public FuzzCase with(String path, byte[] content) {
        Map<String, byte[]> copy = new TreeMap<>(files);
        if (content == null) {
            copy.remove(path);
        } else {
            copy.put(path, content);
        }
        return new FuzzCase(family, id, mutation, copy);
    }

    public String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public boolean hasSeeds() {
        return files.keySet().stream().anyMatch(k -> k.startsWith(SEEDS + "/") && k.endsWith(".csv"));
    }
}
