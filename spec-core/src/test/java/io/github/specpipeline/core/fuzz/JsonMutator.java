package io.github.specpipeline.core.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates the spec file: bit flips, deleted or duplicated JSON tokens, a value swapped for one of another type,
 * a field removed, two values swapped, deep nesting, a huge string, a trailing comma, a truncated file.
 */
final class JsonMutator implements Mutator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Override
    public FuzzCase mutate(FuzzCase base, Random r, Limits limits, String id) {
        String spec = base.text(FuzzCase.SPEC);
        StringBuilder what = new StringBuilder(base.id()).append(" spec.json: ");
        byte[] out;
        switch (r.nextInt(10)) {
            case 0 -> out = Text.flipBits(Text.utf8(spec), r, what);
            case 1 -> out = Text.utf8(Text.tokenEdit(spec, Text.jsonTokens(spec), r, what));
            case 2 -> out = Text.utf8(typeSwap(spec, r, what));
            case 3 -> out = Text.utf8(r.nextBoolean() ? removeField(spec, r, what) : removeOptional(spec, r, what));
            case 4 -> out = Text.utf8(swapValues(spec, r, what));
            case 5 -> out = Text.utf8(deepNesting(spec, r, limits, what));
            case 6 -> out = Text.utf8(hugeString(spec, r, limits, what));
            case 7 -> out = Text.utf8(trailingComma(spec, r, what));
            case 8 -> {
                int cut = r.nextInt(spec.length());
                what.append("truncated at char ").append(cut);
                out = Text.utf8(spec.substring(0, cut));
            }
            default -> {
                int pos = Text.position(spec, r);
                String piece = Text.pick(r, Text.UNICODE);
                what.append("inserted ")
                        .append(Text.quote(piece))
                        .append(" at char ")
                        .append(pos);
                out = Text.utf8(Text.insert(spec, pos, piece));
            }
        }
        return new FuzzCase(
                FuzzFamily.JSON,
                id,
                what.toString(),
                base.with(FuzzCase.SPEC, out).files());
    }

    private static String typeSwap(String spec, Random r, StringBuilder what) {
        JsonNode root = JsonTree.parse(spec);
        JsonTree.Slot s = Text.pick(r, JsonTree.slots(root, x -> true));
        JsonNode value = switch (r.nextInt(9)) {
            case 0 -> F.textNode(s.node().isTextual() ? "" : s.node().toString());
            case 1 -> F.numberNode(Text.pick(r, List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE)));
            case 2 -> F.numberNode(Text.pick(r, List.of(1e308, -0.0, 1.5, 1e-320)));
            case 3 -> F.booleanNode(r.nextBoolean());
            case 4 -> F.nullNode();
            case 5 -> F.arrayNode();
            case 6 -> F.objectNode();
            case 7 -> F.arrayNode().add(s.node().deepCopy());
            default ->
                F.objectNode()
                        .set(s.field() == null ? "value" : s.field(), s.node().deepCopy());
        };
        what.append("type swap at ")
                .append(s.pointer())
                .append(": ")
                .append(kind(s.node()))
                .append(" -> ")
                .append(Text.quote(value.toString()));
        s.replace(value);
        return JsonTree.write(root);
    }

    private static String removeField(String spec, Random r, StringBuilder what) {
        JsonNode root = JsonTree.parse(spec);
        JsonTree.Slot s = Text.pick(r, JsonTree.slots(root, x -> true));
        what.append("removed ").append(s.pointer());
        s.remove();
        return JsonTree.write(root);
    }

    /** Fields a spec may leave out: a mutation that keeps the spec valid more often than a random removal. */
    static final java.util.Set<String> OPTIONAL = java.util.Set.of(
            "type",
            "nullable",
            "tests",
            "transform",
            "from_table",
            "description",
            "filters",
            "joins",
            "group_by",
            "constraints",
            "unit_tests",
            "materialization",
            "partition_by");

    private static String removeOptional(String spec, Random r, StringBuilder what) {
        JsonNode root = JsonTree.parse(spec);
        List<JsonTree.Slot> optional = JsonTree.slots(root, x -> x.field() != null && OPTIONAL.contains(x.field()));
        String field = Text.pick(
                r,
                List.copyOf(new java.util.TreeSet<>(
                        optional.stream().map(JsonTree.Slot::field).toList())));
        List<JsonTree.Slot> named =
                optional.stream().filter(x -> x.field().equals(field)).toList();
        // one occurrence, or every occurrence in one model, the way a user leaves a field out of a whole model
        if (r.nextBoolean()) {
            JsonTree.Slot s = Text.pick(r, named);
            what.append("removed optional ").append(s.pointer());
            s.remove();
        } else {
            String model = Text.pick(r, named).pointer().replaceFirst("^(/models/\\d+).*$", "$1");
            what.append("removed every '").append(field).append("' under ").append(model);
            named.stream().filter(x -> x.pointer().startsWith(model + "/")).forEach(JsonTree.Slot::remove);
        }
        return JsonTree.write(root);
    }

    private static String swapValues(String spec, Random r, StringBuilder what) {
        JsonNode root = JsonTree.parse(spec);
        List<JsonTree.Slot> texts = JsonTree.slots(root, x -> x.node().isTextual());
        JsonTree.Slot a = Text.pick(r, texts);
        JsonTree.Slot b = Text.pick(r, texts);
        what.append("swapped ").append(a.pointer()).append(" and ").append(b.pointer());
        JsonNode av = a.node();
        a.replace(b.node());
        b.replace(av);
        return JsonTree.write(root);
    }

    private static final String MARK = "\u0001fuzz-mark\u0001";

    private static String deepNesting(String spec, Random r, Limits limits, StringBuilder what) {
        JsonNode root = JsonTree.parse(spec);
        JsonTree.Slot s = Text.pick(r, JsonTree.slots(root, x -> true));
        int depth = Text.size(r, limits.jsonNesting());
        boolean arrays = r.nextBoolean();
        String inner = s.node().toString();
        s.replace(new TextNode(MARK));
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = Text.repeat(open, depth * open.length()) + inner + Text.repeat(close, depth);
        what.append(s.pointer())
                .append(" nested ")
                .append(depth)
                .append(" deep in ")
                .append(arrays ? "arrays" : "objects");
        return JsonTree.write(root).replace("\"" + MARK + "\"", nested);
    }

    private static String hugeString(String spec, Random r, Limits limits, StringBuilder what) {
        JsonNode root = JsonTree.parse(spec);
        JsonTree.Slot s = Text.pick(
                r, JsonTree.slots(root, x -> x.node().isTextual() || x.node().isNumber()));
        int length = Text.size(r, limits.hugeString());
        String unit = Text.pick(r, "a", "customer_id ", "\u00e9", "\uD83D\uDE00", "'", "\\", "{from}", "x_");
        s.replace(F.textNode(Text.repeat(unit, length)));
        what.append(s.pointer())
                .append(" replaced by ")
                .append(length)
                .append(" chars of ")
                .append(Text.quote(unit));
        return JsonTree.write(root);
    }

    private static String trailingComma(String spec, Random r, StringBuilder what) {
        List<Integer> closers = new ArrayList<>();
        for (int[] t : Text.jsonTokens(spec)) {
            char c = spec.charAt(t[0]);
            if (c == '}' || c == ']') {
                closers.add(t[0]);
            }
        }
        int pos = Text.pick(r, closers);
        what.append("trailing comma before char ").append(pos);
        return Text.insert(spec, pos, ",");
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
