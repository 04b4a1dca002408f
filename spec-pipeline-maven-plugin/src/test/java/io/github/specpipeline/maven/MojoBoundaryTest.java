package io.github.specpipeline.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No logic in Mojos: they build a core options record, pass a {@code SpecLog} and map the result. So they may use the
 * core's goal entry points ({@code task}), its logging and diagnostics, and the two option vocabularies (targets,
 * export formats), and nothing that plans, renders, validates or runs.
 */
class MojoBoundaryTest {
    private static final String CORE = "io.github.specpipeline.core.";
    private static final Set<String> ALLOWED_PACKAGES = Set.of(CORE + "task", CORE + "log", CORE + "diag");
    private static final Set<String> ALLOWED_CLASSES =
            Set.of(CORE + "Version", CORE + "generate.Target", CORE + "export.ExportFormat");

    @Test
    void mojosUseOnlyTheCoresGoalEntryPoints() {
        JavaClasses mojos = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.specpipeline.maven");
        noClasses()
                .should()
                .dependOnClassesThat(new DescribedPredicate<JavaClass>("are core classes beyond task, log and diag") {
                    @Override
                    public boolean test(JavaClass c) {
                        String name = c.getName();
                        return name.startsWith(CORE)
                                && !ALLOWED_PACKAGES.contains(c.getPackageName())
                                && !ALLOWED_CLASSES.contains(name.replaceAll("\\$.*", ""));
                    }
                })
                .check(mojos);
    }
}
