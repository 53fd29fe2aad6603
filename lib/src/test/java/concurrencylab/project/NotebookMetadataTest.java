package concurrencylab.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every notebook names the JJava kernelspec {@code java} and the language {@code java} in its
 * metadata, so JupyterLab (and Binder) start the right kernel without asking.
 */
class NotebookMetadataTest {

    private static final Path ROOT = Path.of(System.getProperty("concurrency.lab.root", ".."))
            .toAbsolutePath().normalize();

    @Test
    void everyNotebookNamesTheJavaKernelAndLanguage() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.walk(ROOT.resolve("notebooks"))) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb"))
                    .filter(f -> !f.toString().contains(".ipynb_checkpoints"))
                    .sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks under " + ROOT.resolve("notebooks"));

        ObjectMapper json = new ObjectMapper();
        List<String> wrong = new ArrayList<>();
        for (Path notebook : notebooks) {
            JsonNode metadata = json.readTree(notebook.toFile()).path("metadata");
            String kernel = metadata.path("kernelspec").path("name").asText(null);
            String kernelLanguage = metadata.path("kernelspec").path("language").asText(null);
            String language = metadata.path("language_info").path("name").asText(null);
            if (!"java".equals(kernel) || !"java".equals(kernelLanguage) || !"java".equals(language)) {
                wrong.add(ROOT.relativize(notebook) + ": kernelspec.name=" + kernel
                        + ", kernelspec.language=" + kernelLanguage + ", language_info.name=" + language);
            }
        }
        assertEquals(List.of(), wrong, "notebooks that would not open with the java kernel");
    }
}
