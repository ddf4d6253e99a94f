package io.qrpush.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of a parsed YAML tree, collecting every problem with its key path
 * instead of stopping at the first, so one start-up names all that is wrong.
 */
final class YamlFields {
    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return problems;
    }

    void problem(String path, String reason) {
        problems.add(path + ": " + reason);
    }

    /** The object at {@code path}, with unknown keys reported; an empty object when absent. */
    JsonNode object(JsonNode node, String path, Set<String> known) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!node.isObject()) {
            problem(path, "must be a mapping of keys to values");
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(join(path, name), "unknown key (known here: " + String.join(", ", known) + ")");
            }
        }
        return node;
    }

    String string(JsonNode parent, String path, String key, String fallback) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode() || v.isContainerNode()) {
            problem(join(path, key), "must be a single value");
            return fallback;
        }
        return v.asText();
    }

    int integer(JsonNode parent, String path, String key, int fallback, int min, int max) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            problem(join(path, key), "must be a whole number from " + min + " to " + max + ", not " + v);
            return fallback;
        }
        return v.intValue();
    }

    boolean bool(JsonNode parent, String path, String key, boolean fallback) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(join(path, key), "must be true or false, not " + v);
            return fallback;
        }
        return v.booleanValue();
    }

    Duration duration(JsonNode parent, String path, String key, Duration fallback) {
        return duration(parent, path, key, fallback, false);
    }

    /** A duration where zero ({@code 0s}) means the feature is off. */
    Duration durationOrOff(JsonNode parent, String path, String key, Duration fallback) {
        return duration(parent, path, key, fallback, true);
    }

    private Duration duration(JsonNode parent, String path, String key, Duration fallback, boolean zeroIsOff) {
        String text = string(parent, path, key, null);
        if (text == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() && !zeroIsOff) {
                problem(join(path, key), "must be longer than zero");
                return fallback;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(join(path, key), e.getMessage());
            return fallback;
        }
    }

    List<String> strings(JsonNode parent, String path, String key) {
        JsonNode v = parent.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problem(join(path, key), "must be a list");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                problem(join(path, key) + "[" + i + "]", "must be a string");
            } else {
                out.add(v.get(i).asText());
            }
        }
        return out;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
