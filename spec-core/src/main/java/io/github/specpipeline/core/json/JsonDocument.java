package io.github.specpipeline.core.json;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed JSON document with the location of every node. */
public record JsonDocument(JsonNode root, SourceMap sourceMap) {}
