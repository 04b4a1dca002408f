package io.github.specpipeline.core.engine.bigquery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.zetasql.IntervalValue;
import com.google.zetasql.Value;
import io.github.specpipeline.core.engine.bigquery.BigQueryType.Field;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GoogleSQL values to and from BigQuery's text form. ZetaSQL's {@code Value.toString()}, {@code debugString()} and
 * {@code getSQLLiteral()} throw {@code UnsupportedOperationException} in the Java build (for every kind, even
 * INT64), so every value is read here with the typed getter of its kind.
 *
 * <p>The text of a scalar is what BigQuery's {@code CAST(x AS STRING)} returns: {@code 49.5} for a NUMERIC
 * {@code 49.500}, {@code 1e+20} and {@code 0.33333333333333331} for FLOAT64, {@code 2024-01-05 11:15:00+00} for a
 * TIMESTAMP (always UTC), fractions of a second in groups of three digits. BYTES have no such text (the cast
 * decodes UTF-8), so they are base64, as BigQuery's API returns them. An ARRAY or STRUCT is JSON of its elements:
 * numbers and booleans bare, other scalars as JSON strings of their text, NULL as {@code null}.
 */
public final class BigQueryValues {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{1,2}-\\d{1,2})(?:[Tt ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|z|UTC|[+-]\\d{1,2}(?::?\\d{2})?)?");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern INTERVAL =
            Pattern.compile("(-?)(\\d+)-(\\d+) (-?\\d+) (-?)(\\d+):(\\d+):(\\d+)(?:\\.(\\d{1,6}))?");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private BigQueryValues() {}

    /** The text of {@code value}; {@code null} for SQL NULL. */
    public static String text(Value value, BigQueryType type) {
        if (value.isNull()) {
            return null;
        }
        return type.match(
                s -> scalarText(value, s.kind()),
                a -> nested(value, a).toString(),
                s -> nested(value, s).toString());
    }

    /**
     * The value of {@code text} in a column of {@code type}; {@code null} text is SQL NULL.
     *
     * @throws IllegalArgumentException when the text is not a value of the type; the message says what is expected
     */
    public static Value value(String text, BigQueryType type) {
        if (text == null) {
            return Value.createNullValue(type.zetaType());
        }
        return type.match(
                s -> scalar(text, s.kind()),
                a -> fromJson(readJson(text, type), a),
                s -> fromJson(readJson(text, type), s));
    }

    /**
     * The value of {@code value} as the Java object JDBC gives for the same SQL type (so that rows of GoogleSQL and of
     * DuckDB compare in one typed form): INT64 a {@code Long}, NUMERIC and BIGNUMERIC a {@code BigDecimal}, FLOAT64 a
     * {@code Double}, BOOL a {@code Boolean}, STRING a {@code String}, DATE a {@code LocalDate}, DATETIME a
     * {@code LocalDateTime}, TIME a {@code LocalTime}, TIMESTAMP an {@code OffsetDateTime} in UTC; every other
     * type (arrays, structs, JSON, BYTES, INTERVAL) its {@link #text}. {@code null} for SQL NULL.
     */
    public static Object javaValue(Value value, BigQueryType type) {
        if (value.isNull()) {
            return null;
        }
        return type.match(s -> scalarObject(value, s.kind()), a -> text(value, a), s -> text(value, s));
    }

    private static Object scalarObject(Value v, ScalarKind kind) {
        return switch (kind) {
            case INT64 -> v.getInt64Value();
            case NUMERIC -> v.getNumericValue();
            case BIGNUMERIC -> v.getBigNumericValue();
            case FLOAT64 -> v.getDoubleValue();
            case BOOL -> v.getBoolValue();
            case STRING -> v.getStringValue();
            case DATE -> v.getLocalDateValue();
            case DATETIME -> v.getLocalDateTimeValue();
            case TIME -> v.getLocalTimeValue();
            case TIMESTAMP -> {
                long micros = v.getTimestampUnixMicros();
                yield Instant.ofEpochSecond(
                                Math.floorDiv(micros, MICROS_PER_SECOND),
                                Math.floorMod(micros, MICROS_PER_SECOND) * 1000L)
                        .atOffset(ZoneOffset.UTC);
            }
            case BYTES, JSON, INTERVAL, GEOGRAPHY -> scalarText(v, kind);
        };
    }

    private static String scalarText(Value v, ScalarKind kind) {
        return switch (kind) {
            case INT64 -> Long.toString(v.getInt64Value());
            case NUMERIC -> decimal(v.getNumericValue());
            case BIGNUMERIC -> decimal(v.getBigNumericValue());
            case FLOAT64 -> BigQueryText.float64(v.getDoubleValue());
            case BOOL -> Boolean.toString(v.getBoolValue());
            case STRING -> v.getStringValue();
            case BYTES -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            case DATE -> v.getLocalDateValue().toString();
            case DATETIME -> dateTime(v.getLocalDateTimeValue());
            case TIME -> time(v.getLocalTimeValue());
            case TIMESTAMP -> timestamp(v.getTimestampUnixMicros());
            case JSON -> v.getJsonValue();
            case INTERVAL -> interval(v.getIntervalValue());
            case GEOGRAPHY ->
                throw new UnsupportedOperationException("GEOGRAPHY values cannot be read from GoogleSQL's Java API");
        };
    }

    private static Value scalar(String text, ScalarKind kind) {
        String t = text.strip();
        try {
            return switch (kind) {
                case INT64 -> Value.createInt64Value(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
                case NUMERIC -> Value.createNumericValue(new BigDecimal(t));
                case BIGNUMERIC -> Value.createBigNumericValue(new BigDecimal(t));
                case FLOAT64 -> Value.createDoubleValue(BigQueryText.parseFloat64(t));
                case BOOL -> Value.createBoolValue(bool(t));
                case STRING -> Value.createStringValue(text);
                case BYTES ->
                    Value.createBytesValue(
                            ByteString.copyFrom(Base64.getDecoder().decode(t)));
                case DATE -> Value.createDateValue(LocalDate.parse(t));
                case DATETIME ->
                    Value.createDatetimeValue(parseDateTime(t, false).toLocalDateTime());
                case TIME -> Value.createTimeValue(parseTime(t));
                case TIMESTAMP -> Value.createTimestampValueFromUnixMicros(micros(parseDateTime(t, true)));
                case JSON -> Value.createJsonValue(JSON.readTree(t).toString());
                case INTERVAL -> Value.createIntervalValue(parseInterval(t));
                case GEOGRAPHY ->
                    throw new IllegalArgumentException("GEOGRAPHY values cannot be given to GoogleSQL's Java API");
            };
        } catch (NumberFormatException | DateTimeException | JsonProcessingException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + kind.sqlName() + " value", e);
        }
    }

    private static String decimal(BigDecimal d) {
        return BigQueryText.numeric(d);
    }

    private static boolean bool(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + t + "' is not a BOOL value (true or false)");
        };
    }

    private static String dateTime(LocalDateTime t) {
        return BigQueryText.dateTime(t);
    }

    private static String time(LocalTime t) {
        return BigQueryText.time(t);
    }

    private static String timestamp(long unixMicros) {
        return BigQueryText.timestamp(unixMicros);
    }

    private static String fraction(int micros) {
        return BigQueryText.fraction(micros);
    }

    /** {@code Y-M D H:M:S[.ffffff]}, as {@code CAST(interval AS STRING)}. */
    private static String interval(IntervalValue v) {
        int months = v.months();
        long micros = v.micros();
        String ym = (months < 0 ? "-" : "") + Math.abs(months / 12) + "-" + Math.abs(months % 12);
        long abs = Math.abs(micros);
        long seconds = abs / MICROS_PER_SECOND;
        String hms = (micros < 0 ? "-" : "") + seconds / 3600 + ":" + seconds / 60 % 60 + ":" + seconds % 60
                + (abs % MICROS_PER_SECOND == 0 ? "" : fraction((int) (abs % MICROS_PER_SECOND)));
        return ym + " " + v.days() + " " + hms;
    }

    private static IntervalValue parseInterval(String t) {
        Matcher m = INTERVAL.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not an INTERVAL value (Y-M D H:M:S)");
        }
        int sign = m.group(1).isEmpty() ? 1 : -1;
        int months = sign * (Integer.parseInt(m.group(2)) * 12 + Integer.parseInt(m.group(3)));
        long micros = (Long.parseLong(m.group(6)) * 3600 + Long.parseLong(m.group(7)) * 60 + Long.parseLong(m.group(8)))
                        * MICROS_PER_SECOND
                + (m.group(9) == null ? 0 : Long.parseLong((m.group(9) + "00000").substring(0, 6)));
        return IntervalValue.builder()
                .setMonths(months)
                .setDays(Integer.parseInt(m.group(4)))
                .setMicros(m.group(5).isEmpty() ? micros : -micros)
                .setNanoFractions((short) 0)
                .build();
    }

    private static java.time.OffsetDateTime parseDateTime(String t, boolean zoneAllowed) {
        Matcher m = DATE_TIME.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a date and time (YYYY-MM-DD HH:MM:SS[.ffffff])");
        }
        String[] ymd = m.group(1).split("-");
        LocalDate date = LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2]));
        LocalTime time = m.group(2) == null
                ? LocalTime.MIDNIGHT
                : LocalTime.of(
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)),
                        m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                        nanos(m.group(5)));
        String zone = m.group(6);
        if (zone != null && !zoneAllowed) {
            throw new IllegalArgumentException("'" + t + "' has a time zone, which a DATETIME has not");
        }
        return LocalDateTime.of(date, time).atOffset(offset(zone));
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.length() > 2 ? digits.substring(0, digits.length() - 2) : digits);
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(digits.length() - 2)) : 0;
        int sign = zone.startsWith("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static LocalTime parseTime(String t) {
        Matcher m = TIME.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a TIME value (HH:MM:SS[.ffffff])");
        }
        return LocalTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                nanos(m.group(4)));
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    }

    private static long micros(java.time.OffsetDateTime t) {
        Instant i = t.toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS_PER_SECOND), i.getNano() / 1000);
    }

    private static JsonNode nested(Value v, BigQueryType type) {
        if (v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        return type.match(
                s -> scalarJson(v, s.kind()),
                a -> {
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    for (Value e : v.getElementList()) {
                        array.add(nested(e, a.element()));
                    }
                    return array;
                },
                s -> {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    for (int i = 0; i < s.fields().size(); i++) {
                        Field f = s.fields().get(i);
                        object.set(f.name(), nested(v.getField(i), f.type()));
                    }
                    return object;
                });
    }

    private static JsonNode scalarJson(Value v, ScalarKind kind) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (kind) {
            case INT64 -> f.numberNode(v.getInt64Value());
            case NUMERIC -> f.numberNode(new BigDecimal(decimal(v.getNumericValue())));
            case BIGNUMERIC -> f.numberNode(new BigDecimal(decimal(v.getBigNumericValue())));
            case FLOAT64 ->
                Double.isFinite(v.getDoubleValue())
                        ? f.numberNode(new BigDecimal(BigQueryText.float64(v.getDoubleValue())))
                        : f.textNode(BigQueryText.float64(v.getDoubleValue()));
            case BOOL -> f.booleanNode(v.getBoolValue());
            case JSON -> readJsonUnchecked(v.getJsonValue());
            case STRING, BYTES, DATE, DATETIME, TIME, TIMESTAMP, INTERVAL, GEOGRAPHY -> f.textNode(scalarText(v, kind));
        };
    }

    private static JsonNode readJson(String text, BigQueryType type) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + type.sql() + " value (JSON expected)", e);
        }
    }

    private static JsonNode readJsonUnchecked(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static Value fromJson(JsonNode node, BigQueryType type) {
        if (node == null || node.isNull()) {
            return Value.createNullValue(type.zetaType());
        }
        return type.match(
                s -> s.kind() == ScalarKind.JSON
                        ? Value.createJsonValue(node.toString())
                        : scalar(node.isNumber() ? node.decimalValue().toPlainString() : node.asText(), s.kind()),
                a -> {
                    if (!node.isArray()) {
                        throw new IllegalArgumentException(node + " is not a " + a.sql() + " value (a JSON array)");
                    }
                    List<Value> elements = new ArrayList<>();
                    node.forEach(e -> elements.add(fromJson(e, a.element())));
                    return Value.createArrayValue(a.zetaType(), elements);
                },
                s -> {
                    if (!node.isObject() || node.size() != s.fields().size()) {
                        throw new IllegalArgumentException(node + " is not a " + s.sql() + " value (a JSON object with "
                                + s.fields().size() + " fields)");
                    }
                    List<Value> fields = new ArrayList<>();
                    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                    for (Field f : s.fields()) {
                        fields.add(fromJson(it.next().getValue(), f.type()));
                    }
                    return Value.createStructValue(s.zetaType(), fields);
                });
    }
}
