package io.github.specpipeline.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The intended order of spec-core's packages, enforced: a package may use only packages of a lower layer. A
 * package and its sub-packages form one unit (a generator and its targets may use each other). The table is the
 * layout DEVELOPERS.md describes; change both together.
 */
class LayeringTest {
    private static final String CORE = "io.github.specpipeline.core";

    /** Unit (package, with its sub-packages) to layer; lower layers never use higher or equal ones. */
    static final Map<String, Integer> LAYERS = layers();

    private static Map<String, Integer> layers() {
        Map<String, Integer> layers = new LinkedHashMap<>();
        // leaves: no dependency on the rest of the core
        layers.put("", 0); // Version
        layers.put("log", 1); // SpecLog prints diagnostics
        layers.put("io", 0);
        layers.put("escape", 0);
        layers.put("model", 0);
        layers.put("diag", 0);
        layers.put("json", 1);
        layers.put("approval", 2); // model hashes and the approval file: JSON only
        layers.put("sql", 2);
        layers.put("sql.dialect", 3);
        layers.put("ddl", 3);
        layers.put("parse", 4);
        layers.put("engine.bigquery", 4);
        layers.put("validate", 5);
        layers.put("plan", 6);
        layers.put("select", 6); // specpipeline.select over the model graph
        layers.put("testcatalog", 7);
        layers.put("diff", 7);
        layers.put("generate", 8);
        layers.put("export", 8);
        layers.put("testrun", 9);
        layers.put("report", 10);
        layers.put("task", 11);
        return layers;
    }

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMain() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE);
    }

    @Test
    void everyMainPackageHasALayer() {
        List<String> unplaced = mainClasses.stream()
                .map(JavaClass::getPackageName)
                .distinct()
                .filter(p -> unitOf(p).isEmpty())
                .sorted()
                .toList();
        assertThat(unplaced).as("packages missing from LayeringTest.LAYERS").isEmpty();
    }

    @Test
    void packagesUseOnlyLowerLayers() {
        layeringRule().check(mainClasses);
    }

    @Test
    void packagesAreFreeOfCycles() {
        SlicesRuleDefinition.slices()
                .matching(CORE + ".(*)..")
                .should()
                .beFreeOfCycles()
                .check(mainClasses);
    }

    /** The rule can fail: a class in a low layer that uses a high one is reported, naming both. */
    @Test
    void aForbiddenImportIsReported() {
        JavaClasses offender = new ClassFileImporter().importClasses(DiagUsingTask.class);
        EvaluationResult result = layeringRule().evaluate(offender);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("LayeringTest$DiagUsingTask", "task.ValidateTask"));
    }

    static ArchRule layeringRule() {
        return ArchRuleDefinition.classes()
                .that()
                .resideInAPackage(CORE + "..")
                .should(new ArchCondition<JavaClass>("use only packages of a lower layer") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String from = unitOf(layerPackage(item)).orElse(null);
                        if (from == null) {
                            return;
                        }
                        for (Dependency d : item.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass();
                            if (!target.getPackageName().startsWith(CORE)) {
                                continue;
                            }
                            String to = unitOf(target.getPackageName()).orElse(null);
                            if (to == null || to.equals(from)) {
                                continue;
                            }
                            if (LAYERS.get(to) >= LAYERS.get(from)) {
                                events.add(SimpleConditionEvent.violated(
                                        d,
                                        "'" + display(from) + "' (layer " + LAYERS.get(from) + ") must not use '"
                                                + display(to) + "' (layer " + LAYERS.get(to) + "): "
                                                + d.getDescription()));
                            }
                        }
                    }
                });
    }

    /** The test-only offender below pretends to live in {@code diag}. */
    private static String layerPackage(JavaClass item) {
        return item.isEquivalentTo(DiagUsingTask.class) ? CORE + ".diag" : item.getPackageName();
    }

    private static String display(String unit) {
        return unit.isEmpty() ? "(root)" : unit;
    }

    /** The longest unit of the table that the package is, or is inside of. */
    static Optional<String> unitOf(String packageName) {
        if (!packageName.startsWith(CORE)) {
            return Optional.empty();
        }
        String rest = packageName.equals(CORE) ? "" : packageName.substring(CORE.length() + 1);
        String best = null;
        for (String unit : LAYERS.keySet()) {
            boolean inside = unit.isEmpty() ? rest.isEmpty() : rest.equals(unit) || rest.startsWith(unit + ".");
            if (inside && (best == null || unit.length() > best.length())) {
                best = unit;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A class that breaks the layering on purpose (diagnostics using a goal), to show the rule fails. */
    static final class DiagUsingTask {
        Object goal() {
            return io.github.specpipeline.core.task.ValidateTask.class;
        }
    }
}
