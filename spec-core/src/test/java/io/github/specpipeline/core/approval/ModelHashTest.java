package io.github.specpipeline.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelHashTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private static final String MODEL = "{\"name\": \"stg_orders\", \"layer\": \"staging\", \"sources\": [{\"table\":"
            + " \"raw.orders\"}], \"column_mapping\": [{\"name\": \"amount\", \"type\": \"NUMERIC\", \"transform\":"
            + " \"ROUND(amount, 2)\", \"threshold\": 1.50}, {\"name\": \"id\", \"type\": \"INT64\"}]}";

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void reorderedKeysAndReformattedWhitespaceGiveTheSameHash() throws Exception {
        String reordered = "{\n  \"column_mapping\" : [ { \"type\":\"NUMERIC\",\"threshold\":15e-1, \"transform\":"
                + "\"ROUND(amount, 2)\",\n \"name\":\"amount\"},{\"type\":\"INT64\",\"name\":\"id\"} ],\n"
                + "  \"sources\":[{\"table\":\"raw.orders\"}],\"layer\":\"staging\",   \"name\":\"stg_orders\"\n}\n";
        assertThat(ModelHash.of(json(reordered))).isEqualTo(ModelHash.of(json(MODEL)));
    }

    @Test
    void theHashIsSha256HexOfTheCanonicalText() throws Exception {
        String hash = ModelHash.of(json(MODEL));
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(ModelHash.canonicalText(json("{\"b\": 1.0, \"a\": [true, null, \"x\\\"y\"]}")))
                .isEqualTo("{\"a\":[true,null,\"x\\\"y\"],\"b\":1}");
        // pinned (sha256sum of the canonical bytes): the hash must not change between runs, JVMs or platforms, or
        // every approval would be void
        assertThat(ModelHash.of(json("{ \"name\" : \"a\" }")))
                .isEqualTo("d9d719b27480b55cd4918020e7473e716ed3569c8adafe926cf9b10b4f8ef064");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"stg_orders\"|\"stg_orderz\"", // the name
                "\"ROUND(amount, 2)\"|\"ROUND(amount, 3)\"", // a transform
                "\"NUMERIC\"|\"NUMERIC(10, 2)\"", // a type
                "1.50|1.51", // a number
                "\"staging\"|\"staging \"", // whitespace inside a string matters
            })
    void anyValueChangeGivesAnotherHash(String original, String replacement) throws Exception {
        assertThat(MODEL).contains(original);
        String changed = MODEL.replace(original, replacement);
        assertThat(ModelHash.of(json(changed))).isNotEqualTo(ModelHash.of(json(MODEL)));
    }

    @Test
    void arrayOrderMatters() throws Exception {
        assertThat(ModelHash.of(json("{\"group_by\": [\"a\", \"b\"]}")))
                .isNotEqualTo(ModelHash.of(json("{\"group_by\": [\"b\", \"a\"]}")));
    }

    @Test
    void aStringIsNotTheNumberItSpells() throws Exception {
        assertThat(ModelHash.of(json("{\"n\": 1}"))).isNotEqualTo(ModelHash.of(json("{\"n\": \"1\"}")));
    }
}
