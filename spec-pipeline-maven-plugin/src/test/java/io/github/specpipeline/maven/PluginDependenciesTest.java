package io.github.specpipeline.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What this plugin makes Maven resolve and load for every goal, in every build: the dependencies its descriptor
 * lists. Maven reads each one's POM and scans each jar for components whichever goal runs, so the site report's
 * stack belongs in spec-pipeline-report-maven-plugin (it made every build 0.3 to 0.9 s slower here), and a
 * library's build-time leftovers (JSqlParser 5.3 declares JMH, GPL with the classpath exception, in compile
 * scope) are excluded.
 */
class PluginDependenciesTest {
    static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    /** groupId:artifactId of every dependency in the descriptor. */
    static Set<String> dependencies() throws IOException {
        assertThat(DESCRIPTOR)
                .as("the plugin descriptor, made by maven-plugin-plugin before the tests run")
                .exists();
        String xml = Files.readString(DESCRIPTOR, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(xml);
        Set<String> deps = new TreeSet<>();
        while (m.find()) {
            deps.add(m.group(1).trim() + ":" + m.group(2).trim());
        }
        return deps;
    }

    @Test
    void theBuildGoalsNeedOnlyCoreAndItsLibraries() throws IOException {
        Set<String> deps = dependencies();
        assertThat(deps)
                .contains(
                        "io.github.specpipeline:spec-core",
                        "org.apache.poi:poi-ooxml",
                        "com.github.jsqlparser:jsqlparser",
                        "org.duckdb:duckdb_jdbc");
        List<String> unwanted = List.of(
                "org.apache.maven.doxia:",
                "org.apache.maven.reporting:",
                "org.apache.velocity",
                "org.codehaus.plexus:plexus-archiver",
                "org.openjdk.jmh:");
        for (String dep : deps) {
            for (String prefix : unwanted) {
                assertThat(dep)
                        .as("a dependency every build of the plugin would load")
                        .doesNotStartWith(prefix);
            }
        }
        // GoogleSQL (the test goal's engine bigquery) brings its own closure: protobuf, Guava, Netty and the JNI
        // channel jars; it is counted apart, so that any other new dependency still shows here
        List<String> googleSql = List.of(
                "com.google.zetasql:",
                "com.google.protobuf:",
                "com.google.guava:",
                "com.google.api.grpc:",
                "com.google.j2objc:",
                "com.google.code.findbugs:",
                "com.google.errorprone:",
                "org.checkerframework:",
                "io.netty:",
                "io.perfmark:",
                "joda-time:");
        assertThat(deps).contains("com.google.zetasql:zetasql-client", "com.google.zetasql:zetasql-jni-channel");
        assertThat(deps.stream().filter(d -> googleSql.stream().noneMatch(d::startsWith)))
                .as("dependencies of the build plugin; a new one costs every build its start-up")
                .hasSizeLessThan(30);
        assertThat(deps.stream().filter(d -> googleSql.stream().anyMatch(d::startsWith)))
                .as("GoogleSQL's dependencies")
                .hasSizeLessThan(30);
    }
}
