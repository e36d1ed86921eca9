package io.celeriac.worker;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.TaskContext;
import io.celeriac.message.TaskMessage;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.registry.TaskParameter;

/**
 * Binds a message's JSON arguments to a task method's parameters by their declared types: positional
 * {@code args} first, then {@code kwargs} by parameter name, as Python binds a call. The message never chooses a
 * Java type.
 */
final class ArgumentBinder {

    private final ObjectMapper mapper;
    private final Map<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();

    ArgumentBinder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Object[] bind(TaskDefinition task, TaskMessage message, TaskContext context) throws ArgumentBindingException {
        ArrayNode args = message.args() instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode();
        ObjectNode kwargs = message.kwargs() instanceof ObjectNode k ? k : JsonNodeFactory.instance.objectNode();
        List<TaskParameter> parameters = task.parameters();
        if (args.size() > task.argumentCount()) {
            throw new ArgumentBindingException(task.name() + " takes " + task.argumentCount() + " positional argument"
                    + (task.argumentCount() == 1 ? "" : "s") + " but " + args.size() + " were given", null);
        }
        Object[] values = new Object[parameters.size()];
        int positional = 0;
        int keywordsUsed = 0;
        for (int i = 0; i < parameters.size(); i++) {
            TaskParameter parameter = parameters.get(i);
            if (parameter.context()) {
                values[i] = context;
                continue;
            }
            JsonNode node;
            if (positional < args.size()) {
                node = args.get(positional++);
                if (kwargs.has(parameter.name())) {
                    throw new ArgumentBindingException(task.name() + " got multiple values for argument '"
                            + parameter.name() + "'", null);
                }
            } else if (kwargs.has(parameter.name())) {
                node = kwargs.get(parameter.name());
                keywordsUsed++;
            } else {
                throw new ArgumentBindingException(task.name() + " is missing argument '" + parameter.name() + "'",
                        null);
            }
            values[i] = read(task, parameter, node);
        }
        if (keywordsUsed < kwargs.size()) {
            for (Iterator<String> names = kwargs.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (parameters.stream().noneMatch(p -> !p.context() && p.name().equals(name))) {
                    throw new ArgumentBindingException(task.name() + " got an unexpected keyword argument '" + name
                            + "'", null);
                }
            }
        }
        return values;
    }

    private Object read(TaskDefinition task, TaskParameter parameter, JsonNode node) throws ArgumentBindingException {
        JavaType type = parameter.type();
        if (node.isNull() && type.isPrimitive()) {
            throw new ArgumentBindingException("argument '" + parameter.name() + "' of " + task.name()
                    + " is null, but the parameter is a " + type.getRawClass().getName(), null);
        }
        try {
            return readers.computeIfAbsent(type, mapper::readerFor).readValue(node);
        } catch (Exception e) {
            throw new ArgumentBindingException("argument '" + parameter.name() + "' of " + task.name()
                    + " cannot be read as " + type.toCanonical() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
