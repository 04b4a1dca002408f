package io.github.specpipeline.core.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The spec as a Jackson tree, with every node addressable by a slot in its parent, for the tree-level mutations. */
final class JsonTree {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A node and where it sits: {@code field} in an object parent, or {@code index} in an array parent. */
    record Slot(JsonNode parent, String field, int index, JsonNode node, String pointer) {
        void replace(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private JsonTree() {}

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a base spec is not JSON", e);
        }
    }

    static String write(JsonNode root) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every node below the root, in document order. */
    static List<Slot> slots(JsonNode root, Predicate<Slot> keep) {
        List<Slot> out = new ArrayList<>();
        collect(root, "", keep, out);
        return out;
    }

    private static void collect(JsonNode node, String pointer, Predicate<Slot> keep, List<Slot> out) {
        if (node.isObject()) {
            // a copy: a mutation may replace a value while the slots are used
            for (Map.Entry<String, JsonNode> e : List.copyOf(node.properties())) {
                String p = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                Slot s = new Slot(node, e.getKey(), -1, e.getValue(), p);
                if (keep.test(s)) {
                    out.add(s);
                }
                collect(e.getValue(), p, keep, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = pointer + "/" + i;
                Slot s = new Slot(node, null, i, node.get(i), p);
                if (keep.test(s)) {
                    out.add(s);
                }
                collect(node.get(i), p, keep, out);
            }
        }
    }
}
