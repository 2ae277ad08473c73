package io.tidemark.http.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed access to the members of one JSON object of a request. An absent member, or one that is
 * JSON {@code null}, reads as null; a member of the wrong JSON type fails with a
 * SerializationException naming its path, so a malformed request never reaches the engine.
 *
 * @param path where this object sits in the request ({@code Records[3]}); empty for the root
 */
public record Members(JsonNode node, String path) {

    /** The request body; fails unless it is a JSON object. */
    public static Members root(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw WireError.serialization("cannot read request: the body must be a JSON object, got "
                    + (body == null ? "nothing" : body.getNodeType())).exception();
        }
        return new Members(body, "");
    }

    public String string(String name) {
        JsonNode v = member(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(name, "a string", v);
        }
        return v.textValue();
    }

    /** A required string: a missing one fails as Timestream reports a null required member. */
    public String requiredString(String name) {
        String v = string(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    public Long longValue(String name) {
        JsonNode v = member(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(name, "an integer", v);
        }
        return v.longValue();
    }

    public Integer intValue(String name) {
        JsonNode v = member(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(name, "a 32-bit integer", v);
        }
        return v.intValue();
    }

    public Boolean bool(String name) {
        JsonNode v = member(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "a boolean", v);
        }
        return v.booleanValue();
    }

    /** A nested structure, or null when absent. */
    public Members object(String name) {
        JsonNode v = member(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object", v);
        }
        return new Members(v, childPath(name));
    }

    /** A list of structures, each read by {@code reader}; null when absent. */
    public <T> List<T> objects(String name, Function<Members, T> reader) {
        JsonNode v = array(name);
        if (v == null) {
            return null;
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String itemPath = childPath(name) + "[" + i + "]";
            if (!item.isObject()) {
                throw WireError.serialization("cannot read member: path=" + itemPath + ", expected an object, got "
                        + item.getNodeType()).exception();
            }
            out.add(reader.apply(new Members(item, itemPath)));
        }
        return out;
    }

    /** A list of strings; null when absent. */
    public List<String> strings(String name) {
        JsonNode v = array(name);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw WireError.serialization("cannot read member: path=" + childPath(name) + "[" + i
                        + "], expected a string, got " + item.getNodeType()).exception();
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** Fails as Timestream does when a required member is missing. */
    public WireException missing(String name) {
        return WireError.validation("1 validation error detected: Value null at '" + modelPath(childPath(name))
                + "' failed to satisfy constraint: Member must not be null").exception();
    }

    private JsonNode array(String name) {
        JsonNode v = member(name);
        if (v != null && !v.isArray()) {
            throw wrongType(name, "an array", v);
        }
        return v;
    }

    private JsonNode member(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private WireException wrongType(String name, String expected, JsonNode actual) {
        return WireError.serialization("cannot read member: path=" + childPath(name) + ", expected " + expected
                + ", got " + actual.getNodeType()).exception();
    }

    private String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A path as Timestream's validation messages spell it: each member name starting lower-case. */
    private static String modelPath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        boolean segmentStart = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out.append(segmentStart ? Character.toLowerCase(c) : c);
            segmentStart = c == '.';
        }
        return out.toString();
    }
}
