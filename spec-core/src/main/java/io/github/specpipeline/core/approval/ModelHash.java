package io.github.specpipeline.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The hash of one model's normalised content: SHA-256 (lower-case hex) of the UTF-8 bytes of a canonical JSON text
 * of the model's own JSON object. Canonical: object keys sorted (by UTF-16 code units, as {@link String#compareTo}),
 * no whitespace, strings with only {@code "}, {@code \} and control characters escaped, numbers by value
 * ({@code 1}, {@code 1.0} and {@code 1e0} are one number). So reordering keys or reformatting the file keeps the
 * hash; any change of a value changes it.
 *
 * <p>Only the model object is hashed, not the shared parts it depends on (source DDL columns, spec-wide settings,
 * upstream models): an approval is a reviewer's sign-off on what the model says, and a DDL or upstream change is
 * reviewed where it is made. Hashing the DDL in would mark every model reading a table as changed when a column
 * nobody reads is added, which makes the gate noise.
 */
public final class ModelHash {
    private ModelHash() {}

    /** The hash of {@code model}'s JSON subtree. */
    public static String of(JsonNode model) {
        StringBuilder text = new StringBuilder();
        canonical(model, text);
        return sha256(text.toString());
    }

    /** The canonical text that is hashed (for tests and for explaining a hash). */
    public static String canonicalText(JsonNode node) {
        StringBuilder text = new StringBuilder();
        canonical(node, text);
        return text.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                Iterator<String> it = node.fieldNames();
                it.forEachRemaining(names::add);
                names.sort(null);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    canonical(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    canonical(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            default -> out.append("null");
        }
    }

    /** The number by value: trailing zeros and exponent form do not matter ({@code 1.50} = {@code 15e-1}). */
    private static String number(JsonNode node) {
        BigDecimal value = node.decimalValue();
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toString();
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
