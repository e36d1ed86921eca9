package io.celeriac.message;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes and reads task messages in kombu's envelope with Celery's protocol v2 headers:
 *
 * <pre>
 * {"body": ..., "content-encoding": "utf-8", "content-type": "application/json",
 *  "headers": {"lang", "task", "id", "eta", "expires", "retries", "timelimit", "root_id", "parent_id", ...},
 *  "properties": {"correlation_id", "reply_to", "delivery_mode", "delivery_info", "priority", "delivery_tag", ...}}
 * </pre>
 *
 * Arguments are written with the application's {@link ObjectMapper} and never carry Java type names; the worker
 * binds them to the task method's declared parameter types.
 */
public final class MessageCodec {

    /** Celery writes ISO-8601 with an explicit offset; so do we, to be read by every Celery version. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private static final Set<String> KNOWN_HEADERS = Set.of("lang", "task", "id", "shadow", "eta", "expires", "group",
            "group_index", "retries", "timelimit", "root_id", "parent_id", "argsrepr", "kwargsrepr", "origin",
            "ignore_result", "stamped_headers", "stamps");

    private final ObjectMapper mapper;

    public MessageCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON envelope of {@code message}. */
    public String encode(TaskMessage message, BodyEncoding encoding, String deliveryTag) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName("body");
            if (encoding == BodyEncoding.BASE64) {
                byte[] body = mapper.writeValueAsBytes(new Object[] { args(message), kwargs(message), embed(message) });
                gen.writeString(Base64.getEncoder().encodeToString(body));
            } else {
                gen.writeStartArray();
                mapper.writeValue(gen, args(message));
                mapper.writeValue(gen, kwargs(message));
                mapper.writeValue(gen, embed(message));
                gen.writeEndArray();
            }
            gen.writeStringField("content-encoding", "utf-8");
            gen.writeStringField("content-type", "application/json");
            writeHeaders(gen, message, encoding);
            writeProperties(gen, message, encoding, deliveryTag);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize the arguments of task " + message.task() + " ("
                    + message.id() + "): " + e.getMessage(), e);
        }
        return out.toString();
    }

    private void writeHeaders(JsonGenerator gen, TaskMessage m, BodyEncoding encoding) throws IOException {
        gen.writeObjectFieldStart("headers");
        gen.writeStringField("lang", "java");
        gen.writeStringField("task", m.task());
        gen.writeStringField("id", m.id());
        gen.writeNullField("shadow");
        writeInstant(gen, "eta", m.eta());
        writeInstant(gen, "expires", m.expires());
        writeNullable(gen, "group", m.group());
        gen.writeNullField("group_index");
        gen.writeNumberField("retries", m.retries());
        gen.writeArrayFieldStart("timelimit");
        writeNullableNumber(gen, m.softTimeLimit());
        writeNullableNumber(gen, m.timeLimit());
        gen.writeEndArray();
        gen.writeStringField("root_id", m.rootId() == null ? m.id() : m.rootId());
        writeNullable(gen, "parent_id", m.parentId());
        if (encoding == BodyEncoding.BASE64) {
            // Celery workers log these; our own workers do not need them.
            gen.writeStringField("argsrepr", abbreviate(mapper.writeValueAsString(args(m))));
            gen.writeStringField("kwargsrepr", abbreviate(mapper.writeValueAsString(kwargs(m))));
        }
        writeNullable(gen, "origin", m.origin());
        gen.writeBooleanField("ignore_result", m.ignoreResult());
        if (m.extraHeaders() != null) {
            for (Map.Entry<String, Object> header : m.extraHeaders().entrySet()) {
                gen.writeFieldName(header.getKey());
                mapper.writeValue(gen, header.getValue());
            }
        }
        gen.writeEndObject();
    }

    private static void writeProperties(JsonGenerator gen, TaskMessage m, BodyEncoding encoding, String deliveryTag)
            throws IOException {
        gen.writeObjectFieldStart("properties");
        gen.writeStringField("correlation_id", m.id());
        writeNullable(gen, "reply_to", m.replyTo());
        gen.writeNumberField("delivery_mode", 2);
        gen.writeObjectFieldStart("delivery_info");
        gen.writeStringField("exchange", "");
        gen.writeStringField("routing_key", m.queue());
        gen.writeEndObject();
        gen.writeNumberField("priority", m.priority());
        if (encoding == BodyEncoding.BASE64) {
            gen.writeStringField("body_encoding", "base64");
        }
        gen.writeStringField("delivery_tag", deliveryTag);
        gen.writeEndObject();
    }

    /**
     * Reads an envelope. Arguments stay JSON trees until the worker binds them.
     *
     * @throws MessageFormatException naming what is wrong, with the id and task name when those were readable
     */
    public TaskMessage decode(String raw) throws MessageFormatException {
        JsonNode root;
        try {
            root = mapper.readTree(raw);
        } catch (IOException | RuntimeException e) {
            throw new MessageFormatException("not valid JSON: " + firstLine(e.getMessage()), null, null, e);
        }
        if (root == null || !root.isObject()) {
            throw new MessageFormatException("not a JSON object", null, null, null);
        }
        JsonNode headers = root.get("headers");
        JsonNode properties = root.path("properties");
        if (headers == null || !headers.isObject() || !headers.has("task")) {
            String hint = root.has("task") && root.has("args") ? " (Celery message protocol 1 is not supported)" : "";
            throw new MessageFormatException("no protocol v2 headers with a task name" + hint,
                    text(root, "id"), text(root, "task"), null);
        }
        String id = text(headers, "id");
        String task = text(headers, "task");
        if (id == null || id.isBlank()) {
            throw new MessageFormatException("the message has no task id", null, task, null);
        }
        if (task == null || task.isBlank()) {
            throw new MessageFormatException("the message has no task name", id, null, null);
        }
        String contentType = text(root, "content-type");
        if (contentType != null && !"application/json".equals(contentType)) {
            // Pickle, YAML, msgpack: Celery can send them, but only JSON is safe to accept from a queue.
            throw new MessageFormatException("unsupported content type '" + contentType
                    + "': only application/json is accepted", id, task, null);
        }
        JsonNode body = readBody(root, properties, id, task);
        if (!body.isArray() || body.size() < 2 || !body.get(0).isArray() || !body.get(1).isObject()) {
            throw new MessageFormatException("the body is not [args, kwargs, embed]", id, task, null);
        }
        JsonNode timelimit = headers.path("timelimit");
        JsonNode deliveryInfo = properties.path("delivery_info");
        try {
            return new TaskMessage(id, task,
                    (ArrayNode) body.get(0),
                    (ObjectNode) body.get(1),
                    body.size() > 2 ? body.get(2) : null,
                    instant(headers.get("eta")),
                    instant(headers.get("expires")),
                    headers.path("retries").asInt(0),
                    text(headers, "root_id"),
                    text(headers, "parent_id"),
                    text(headers, "group"),
                    number(timelimit.get(0)),
                    number(timelimit.get(1)),
                    headers.path("ignore_result").asBoolean(false),
                    text(headers, "origin"),
                    text(properties, "reply_to"),
                    properties.path("priority").asInt(0),
                    text(deliveryInfo, "routing_key"),
                    extraHeaders(headers));
        } catch (DateTimeParseException e) {
            throw new MessageFormatException("unreadable eta or expires: " + e.getParsedString(), id, task, e);
        }
    }

    /** The JSON tree of a message's arguments as {@code args} for {@link #encode} (identity for decoded messages). */
    private static Object args(TaskMessage m) {
        return m.args() == null ? JsonNodeFactory.instance.arrayNode() : m.args();
    }

    private static Object kwargs(TaskMessage m) {
        return m.kwargs() == null ? Map.of() : m.kwargs();
    }

    private static Object embed(TaskMessage m) {
        if (m.embed() != null) {
            return m.embed();
        }
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("callbacks", null);
        embed.put("errbacks", null);
        embed.put("chain", null);
        embed.put("chord", null);
        return embed;
    }

    private JsonNode readBody(JsonNode root, JsonNode properties, String id, String task) throws MessageFormatException {
        JsonNode body = root.get("body");
        if (body == null || body.isNull()) {
            throw new MessageFormatException("the message has no body", id, task, null);
        }
        if (!body.isTextual()) {
            return body;
        }
        String text = body.asText();
        try {
            if ("base64".equals(text(properties, "body_encoding"))) {
                return mapper.readTree(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
            }
            return mapper.readTree(text);
        } catch (IOException | IllegalArgumentException e) {
            throw new MessageFormatException("the body is not valid JSON: " + firstLine(e.getMessage()), id, task, e);
        }
    }

    private static Map<String, Object> extraHeaders(JsonNode headers) {
        Map<String, Object> extra = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!KNOWN_HEADERS.contains(field.getKey())) {
                if (extra == null) {
                    extra = new LinkedHashMap<>();
                }
                extra.put(field.getKey(), field.getValue());
            }
        }
        return extra == null ? Map.of() : extra;
    }

    /** Formats an instant as Celery does. */
    public static String formatInstant(Instant instant) {
        return ISO.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Reads an ISO-8601 time with or without offset (a missing offset means UTC, as in Celery). */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli((long) (node.asDouble() * 1000));
        }
        return parseInstant(node.asText());
    }

    private static void writeInstant(JsonGenerator gen, String field, Instant value) throws IOException {
        if (value == null) {
            gen.writeNullField(field);
        } else {
            gen.writeStringField(field, formatInstant(value));
        }
    }

    private static void writeNullable(JsonGenerator gen, String field, String value) throws IOException {
        if (value == null) {
            gen.writeNullField(field);
        } else {
            gen.writeStringField(field, value);
        }
    }

    private static void writeNullableNumber(JsonGenerator gen, Double value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() || !node.isNumber() ? null : node.asDouble();
    }

    private static String abbreviate(String repr) {
        return repr.length() <= 1024 ? repr : repr.substring(0, 1021) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson appends where in its (redacted) source it stopped: noise in a dead-letter reason.
        for (String noise : new String[] { " (start marker at [Source", " at [Source" }) {
            int at = line.indexOf(noise);
            if (at > 0) {
                line = line.substring(0, at);
            }
        }
        return line;
    }
}
