package io.github.specpipeline.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schema must agree with the validator: what validates cleanly must satisfy the schema
 * (so editors do not flag good specs), and structural mistakes must be flagged by it.
 */
class PublishedSchemaTest {
    static final String RESOURCE = "/io/github/specpipeline/core/schema/spec-pipeline-spec-1.schema.json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    static Schema schema() throws IOException {
        try (InputStream in = PublishedSchemaTest.class.getResourceAsStream(RESOURCE)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        }
    }

    static List<Error> errors(Path spec) throws IOException {
        JsonNode node = MAPPER.readTree(spec.toFile());
        return schema().validate(node);
    }

    @Test
    void theValidTestSpecSatisfiesTheSchema() throws IOException {
        assertThat(errors(Path.of("src/test/resources/validation/valid.json"))).isEmpty();
    }

    @Test
    void theBundledExampleSpecSatisfiesTheSchema() throws IOException {
        assertThat(errors(Path.of("../examples/shop-analytics/src/main/spec/spec.json")))
                .isEmpty();
    }

    /** Both forms of a union (the object with source_column and as, the short list) and a model without sources. */
    @Test
    void theUnionSpecSatisfiesTheSchemaAndAOneSourceUnionDoesNot() throws IOException {
        assertThat(errors(Path.of("src/test/resources/generate/union/spec.json")))
                .isEmpty();
        assertThat(errors(Path.of("src/test/resources/validation/cases/union.json")))
                .anySatisfy(e -> assertThat(e.toString()).contains("union"));
    }

    @Test
    void structuralMistakesAreFlagged() throws IOException {
        assertThat(errors(Path.of("src/test/resources/validation/cases/wrong_types.json")))
                .isNotEmpty();
        assertThat(errors(Path.of("src/test/resources/validation/cases/unknown_fields.json")))
                .anySatisfy(e -> assertThat(e.toString()).contains("colum_mapping"));
        assertThat(errors(Path.of("src/test/resources/validation/cases/hostile_names.json")))
                .isNotEmpty();
        assertThat(errors(Path.of("src/test/resources/validation/cases/tests.json")))
                .isNotEmpty();
    }
}
