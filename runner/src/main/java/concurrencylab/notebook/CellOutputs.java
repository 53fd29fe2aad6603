package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concurrencylab.notebook.runtime.DisplayData;

import java.util.List;
import java.util.Map;

/**
 * The outputs of one code cell, in nbformat 4 form and in the order they happened: stream text
 * ({@code stdout}/{@code stderr}), {@code display_data}, {@code execute_result} and
 * {@code error}. Consecutive writes to the same stream are merged into one {@code stream}
 * output, as Jupyter front ends do.
 *
 * <p>Thread-safe: any thread a cell starts may print or display while the cell runs; every
 * method locks {@code this}.
 */
final class CellOutputs {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Guarded by {@code this}. */
    private final ArrayNode outputs = JSON.arrayNode();
    /** The open stream output and its text so far (its "text" is set when it closes); guarded by {@code this}. */
    private ObjectNode openStream;
    private StringBuilder openStreamText;

    synchronized void stream(String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (openStream == null || !openStream.get("name").asText().equals(name)) {
            closeStream();
            openStream = JSON.objectNode().put("output_type", "stream").put("name", name);
            openStreamText = new StringBuilder();
            outputs.add(openStream);
        }
        // The line list is built when the output closes: rebuilding it on every write made a
        // cell that prints many lines quadratic in its output.
        openStreamText.append(text);
    }

    /** All text written to the stream {@code name} ("stdout" or "stderr") so far. */
    synchronized String streamText(String name) {
        StringBuilder text = new StringBuilder();
        for (JsonNode output : outputs) {
            if (output == openStream) {
                if (name.equals(output.path("name").asText())) {
                    text.append(openStreamText);
                }
            } else if ("stream".equals(output.path("output_type").asText()) && name.equals(output.path("name").asText())) {
                text.append(NotebookJson.text(output.path("text")));
            }
        }
        return text.toString();
    }

    synchronized void display(DisplayData data) {
        closeStream();
        ObjectNode out = JSON.objectNode().put("output_type", "display_data");
        out.set("data", data(data));
        out.set("metadata", metadata(data));
        outputs.add(out);
    }

    synchronized void executeResult(int executionCount, DisplayData data) {
        closeStream();
        ObjectNode out = JSON.objectNode().put("output_type", "execute_result").put("execution_count", executionCount);
        out.set("data", data(data));
        out.set("metadata", metadata(data));
        outputs.add(out);
    }

    synchronized void error(CellError error) {
        closeStream();
        ObjectNode out = JSON.objectNode().put("output_type", "error")
                .put("ename", error.ename()).put("evalue", error.evalue());
        ArrayNode traceback = out.putArray("traceback");
        error.traceback().forEach(traceback::add);
        outputs.add(out);
    }

    /** A copy of the outputs so far. */
    synchronized ArrayNode toJson() {
        closeStream();
        return outputs.deepCopy();
    }

    private void closeStream() {
        if (openStream != null) {
            openStream.set("text", lines(openStreamText.toString()));
        }
        openStream = null;
        openStreamText = null;
    }

    private static ObjectNode data(DisplayData data) {
        ObjectNode node = JSON.objectNode();
        for (Map.Entry<String, String> e : data.data().entrySet()) {
            // Jupyter stores text as a list of lines and base64 payloads as one string.
            node.set(e.getKey(), e.getKey().startsWith("text/") ? lines(e.getValue()) : JSON.textNode(e.getValue()));
        }
        return node;
    }

    private static ObjectNode metadata(DisplayData data) {
        ObjectNode node = JSON.objectNode();
        for (Map.Entry<String, Map<String, Object>> e : data.metadata().entrySet()) {
            node.set(e.getKey(), NotebookJson.MAPPER.valueToTree(e.getValue()));
        }
        return node;
    }

    /** nbformat's multi-line string: a list of lines, each but the last ending in a newline. */
    static JsonNode lines(String text) {
        ArrayNode array = JSON.arrayNode();
        List<String> parts = NotebookJson.splitLines(text);
        parts.forEach(array::add);
        return array;
    }
}
