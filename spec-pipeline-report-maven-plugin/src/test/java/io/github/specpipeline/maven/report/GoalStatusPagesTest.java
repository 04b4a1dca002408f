package io.github.specpipeline.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documentation site says which goals this version has. It must say so truly: a goal is marked available
 * on the site exactly when a plugin descriptor built from this source has it (the main plugin's, built before
 * this module, or this report plugin's), and every goal of the plugins has a usage page. When a goal is added,
 * this test fails until the site's status tables ({@code src/site/markdown/index.md}, {@code goals.md}) and the
 * goal's page ({@code goal-<name>.md}) say it is available.
 */
class GoalStatusPagesTest {
    static final Path SITE = Path.of("../src/site/markdown");
    /** The main plugin's descriptor and this plugin's. */
    static final List<Path> DESCRIPTORS = List.of(
            Path.of("../spec-pipeline-maven-plugin/target/classes/META-INF/maven/plugin.xml"),
            Path.of("target/classes/META-INF/maven/plugin.xml"));
    /** Goals the site documents, whether available or in development. */
    static final List<String> DOCUMENTED =
            List.of("validate", "export", "generate", "test", "approve", "report", "diff");

    static final String AVAILABLE_CELL = "**available**";
    static final String AVAILABLE_PAGE = "**Status: available in this version.**";
    static final String UNAVAILABLE_PAGE = "**Status: not available in this version**";

    static Set<String> pluginGoals;

    @BeforeAll
    static void readDescriptors() throws IOException {
        pluginGoals = new TreeSet<>();
        for (Path descriptor : DESCRIPTORS) {
            assertThat(descriptor)
                    .as("a plugin descriptor, made by maven-plugin-plugin before the tests run")
                    .exists();
            String xml = Files.readString(descriptor, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<mojo>\\s*<goal>([^<]+)</goal>").matcher(xml);
            while (m.find()) {
                pluginGoals.add(m.group(1).trim());
            }
        }
        pluginGoals.remove("help");
        assertThat(pluginGoals).contains("validate", "report");
    }

    @Test
    void everyGoalOfThePluginIsDocumented() {
        assertThat(DOCUMENTED).containsAll(pluginGoals);
        for (String goal : pluginGoals) {
            assertThat(SITE.resolve("goal-" + goal + ".md"))
                    .as("usage page of goal %s", goal)
                    .exists();
        }
    }

    @Test
    void goalPagesStateTheirStatusTruly() throws IOException {
        for (String goal : DOCUMENTED) {
            String page = Files.readString(SITE.resolve("goal-" + goal + ".md"), StandardCharsets.UTF_8);
            String expected = pluginGoals.contains(goal) ? AVAILABLE_PAGE : UNAVAILABLE_PAGE;
            assertThat(page)
                    .as(
                            "goal-%s.md must say %s: the plugin %s the goal",
                            goal, expected, pluginGoals.contains(goal) ? "has" : "does not have")
                    .contains(expected);
        }
    }

    @Test
    void statusTablesStateEachGoalsStatusTruly() throws IOException {
        for (String file : List.of("index.md", "goals.md")) {
            String page = Files.readString(SITE.resolve(file), StandardCharsets.UTF_8);
            for (String goal : DOCUMENTED) {
                List<String> rows = rowsLinkingTo(page, "goal-" + goal + ".html");
                assertThat(rows)
                        .as("%s: status table row of goal %s", file, goal)
                        .hasSize(1);
                String status = lastCell(rows.get(0));
                if (pluginGoals.contains(goal)) {
                    assertThat(status)
                            .as("%s: status of goal %s, which the plugin has", file, goal)
                            .isEqualTo(AVAILABLE_CELL);
                } else {
                    assertThat(status)
                            .as("%s: status of goal %s, which the plugin does not have", file, goal)
                            .isNotEqualTo(AVAILABLE_CELL)
                            .contains("in development");
                }
            }
        }
    }

    private static List<String> rowsLinkingTo(String page, String href) {
        List<String> rows = new ArrayList<>();
        for (String line : page.split("\n")) {
            if (line.startsWith("|") && line.contains("](" + href + ")")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static String lastCell(String row) {
        String trimmed = row.trim();
        trimmed = trimmed.substring(0, trimmed.length() - 1); // the closing |
        return trimmed.substring(trimmed.lastIndexOf('|') + 1).trim();
    }
}
