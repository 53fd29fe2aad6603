package concurrencylab.notebook.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rendered value: one representation per MIME type, as a Jupyter kernel sends it in
 * {@code display_data} and {@code execute_result} messages. Cells get one from
 * {@link Display#render(Object)}; a cell whose last expression is a {@code DisplayData} shows
 * exactly these representations, as in the JJava kernel.
 *
 * <p>Values are strings: {@code text/plain} as is, binary types (such as {@code image/png})
 * base64-encoded. Instances are not thread-safe; they are built by one thread and then only read.
 */
public final class DisplayData {
    /** MIME type -> representation, in insertion order (text/plain first). */
    private final Map<String, String> data = new LinkedHashMap<>();
    /** MIME type -> metadata, e.g. an image's width and height. */
    private final Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();

    /** Adds (or replaces) the representation for {@code mimeType}. */
    public DisplayData put(String mimeType, String value) {
        data.put(mimeType, value);
        return this;
    }

    /** Adds (or replaces) metadata for {@code mimeType}, e.g. {@code width} of an image. */
    public DisplayData putMetadata(String mimeType, String key, Object value) {
        metadata.computeIfAbsent(mimeType, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** MIME type -> representation; unmodifiable. */
    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    /** MIME type -> metadata; unmodifiable. */
    public Map<String, Map<String, Object>> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The {@code text/plain} representation, or an empty string when there is none. */
    @Override
    public String toString() {
        return data.getOrDefault("text/plain", "");
    }
}
