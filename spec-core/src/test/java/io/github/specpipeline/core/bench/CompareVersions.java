package io.github.specpipeline.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the {@link SpecDirectoryBenchmark} directory alternately with two (or more) versions of spec-core's
 * classes, each in a class loader of its own, in one JVM: on a machine shared with other builds, fresh JVMs run
 * one after the other see different loads, while here every round of A and B sees the same. Not a test; each
 * version has its own parse cache, so give the JVM twice the heap of one load. Prints per load the wall-clock,
 * main thread and process CPU milliseconds (the process figure includes both versions' JIT compilation).
 *
 * <pre>
 * CompareVersions CLASSPATH_FILE CLASSES_A,CLASSES_B [rounds=8] [dir=/tmp/bench]
 * </pre>
 *
 * CLASSPATH_FILE holds spec-core's dependencies (the {@code bench.cp} of performance.md); GoogleSQL is off.
 */
public final class CompareVersions {
    private CompareVersions() {}

    public static void main(String[] args) throws Exception {
        String deps = Files.readString(Path.of(args[0])).trim();
        String[] versions = args[1].split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Path.of(args.length > 3 ? args[3] : "/tmp/bench").toAbsolutePath();
        List<Method> loads = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        for (String v : versions) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(v).toUri().toURL());
            for (String d : deps.split(java.io.File.pathSeparator)) {
                urls.add(Path.of(d).toUri().toURL());
            }
            // the platform loader as parent: nothing of this JVM's own spec-core is shared
            URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> inputClass = loader.loadClass("io.github.specpipeline.core.task.SpecInput");
            Object input = inputClass
                    .getConstructor(Path.class, Path.class, Path.class)
                    .newInstance(
                            dir.resolve("dir-spec-10000"),
                            dir.resolve("file-spec-10000").resolve("source_ddl"),
                            dir);
            inputs.add(inputClass.getMethod("withGoogleSql", boolean.class).invoke(input, false));
            loads.add(loader.loadClass("io.github.specpipeline.core.task.SpecLoader")
                    .getMethod("load", inputClass));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 1; r <= rounds; r++) {
            for (int v = 0; v < versions.length; v++) {
                Thread.currentThread()
                        .setContextClassLoader(loads.get(v).getDeclaringClass().getClassLoader());
                long t = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                long process = processCpuNanos();
                Object result = loads.get(v).invoke(null, inputs.get(v));
                long ms = (System.nanoTime() - t) / 1_000_000;
                long cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
                long processMs = (processCpuNanos() - process) / 1_000_000;
                int diagnostics =
                        ((List<?>) result.getClass().getMethod("diagnostics").invoke(result)).size();
                result = null;
                System.gc();
                System.out.printf(
                        Locale.ROOT,
                        "round %d %s: %d ms (main thread CPU %d ms, process CPU %d ms), %d diagnostics%n",
                        r,
                        versions[v],
                        ms,
                        cpuMs,
                        processMs,
                        diagnostics);
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}
