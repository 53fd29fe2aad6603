package concurrencylab.notebook;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing {@code .ipynb} files (nbformat 4 JSON) the way Jupyter does: one-space
 * indentation, keys in their original order, a newline at the end, text as lists of lines.
 */
final class NotebookJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private NotebookJson() {
    }

    /** Reads a notebook and checks that it is nbformat 4 with a list of cells. */
    static ObjectNode read(Path file) throws IOException {
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("not a notebook (invalid JSON): " + file + ": " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode notebook) || !notebook.path("cells").isArray()) {
            throw new IOException("not a notebook (no \"cells\" list): " + file);
        }
        int major = notebook.path("nbformat").asInt(-1);
        if (major != 4) {
            throw new IOException("unsupported notebook format " + notebook.path("nbformat") + " in " + file + ": only nbformat 4 is supported");
        }
        return notebook;
    }

    static void write(ObjectNode notebook, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        String text = MAPPER.writer(printer).writeValueAsString(notebook) + "\n";
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A cell's source: nbformat allows a string or a list of lines. */
    static String text(JsonNode multiline) {
        if (multiline == null || multiline.isNull() || multiline.isMissingNode()) {
            return "";
        }
        if (multiline.isArray()) {
            StringBuilder text = new StringBuilder();
            multiline.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return multiline.asText();
    }

    /** Splits text into lines that keep their {@code \n}; no empty last element. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
