package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static concurrencylab.notebook.Fixtures.cell;
import static concurrencylab.notebook.Fixtures.outputs;
import static concurrencylab.notebook.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runner end to end on the fixture notebooks (src/test/resources/fixtures): one
 * {@code run} over the passing and failing ones (each in its own JVM, as in real use), then
 * assertions on the summary and on every executed copy.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NotebookRunnerFixturesTest {
    @TempDir
    static Path workspace;
    static Path fixtures;
    static Path out;
    static Fixtures.CliRun run;

    @BeforeAll
    static void runFixtures() throws Exception {
        fixtures = Fixtures.copyFixtures(workspace.resolve("fixtures"));
        out = workspace.resolve("out");
        run = Fixtures.cli("run", "--root", fixtures.toString(), "--out", out.toString(), "--mode", "quick",
                fixtures.resolve("passing").toString(), fixtures.resolve("failing").toString());
    }

    private static JsonNode executed(String relative) throws Exception {
        Path copy = out.resolve(relative);
        assertTrue(Files.isRegularFile(copy), "no executed copy " + copy + "\n" + run.output());
        return Fixtures.read(copy);
    }

    private static JsonNode onlyError(JsonNode notebook, int cellNumber) {
        List<JsonNode> errors = outputs(cell(notebook, cellNumber), "error");
        assertEquals(1, errors.size(), "error outputs of cell " + cellNumber + ": " + cell(notebook, cellNumber));
        return errors.get(0);
    }

    private static String result(JsonNode notebook, int cellNumber) {
        List<JsonNode> results = outputs(cell(notebook, cellNumber), "execute_result");
        assertEquals(1, results.size(), "execute_result outputs of cell " + cellNumber + ": " + cell(notebook, cellNumber));
        return text(results.get(0).path("data").path("text/plain"));
    }

    private static String stream(JsonNode notebook, int cellNumber, String name) {
        StringBuilder all = new StringBuilder();
        outputs(cell(notebook, cellNumber), "stream").stream()
                .filter(o -> o.path("name").asText().equals(name))
                .forEach(o -> all.append(text(o.path("text"))));
        return all.toString();
    }

    @Test
    void summaryNamesEachFailingNotebookWithItsCellAndError() {
        String output = run.output();
        assertEquals(1, run.exitCode(), output);
        assertAll(
                () -> assertTrue(output.contains("Notebooks: 2 ok, 5 failed"), output),
                () -> assertTrue(output.matches("(?s).*ok +[0-9.]+ s  passing/kernel_semantics\\.ipynb\\R.*"), output),
                () -> assertTrue(output.matches("(?s).*ok +[0-9.]+ s  passing/nested/uses_jar\\.ipynb\\R.*"), output),
                () -> assertTrue(output.contains("failing/compile_error.ipynb -- cell 3: CompilationException: incompatible types"), output),
                () -> assertTrue(output.contains("failing/exception.ipynb -- cell 2: java.lang.IllegalStateException: boom"), output),
                () -> assertTrue(output.contains("failing/unknown_magic.ipynb -- cell 1: UnsupportedMagic: %maven is not supported"), output),
                () -> assertTrue(output.contains("failing/forgot_classpath.ipynb -- cell 2: CompilationException: package greeting does not exist"), output),
                () -> assertTrue(output.contains("failing/release_21.ipynb -- cell 2: CompilationException: cannot find symbol"), output),
                () -> assertFalse(output.contains("checkpoint"), "a .ipynb_checkpoints copy was run:\n" + output),
                () -> assertTrue(output.contains("cell 2 [1] ok"), "per-cell progress:\n" + output));
    }

    @Test
    void resultsStreamsAndDefaultImportsFollowTheKernel() throws Exception {
        JsonNode nb = executed("passing/kernel_semantics.ipynb");
        assertAll(
                () -> assertTrue(cell(nb, 1).path("outputs").isMissingNode(), "markdown cells get no outputs"),
                () -> assertEquals(1, cell(nb, 2).path("execution_count").asInt()),
                () -> assertEquals("42", result(nb, 2)),
                () -> assertEquals(1, cell(nb, 2).path("outputs").get(0).path("execution_count").asInt()),
                () -> assertEquals("to stdout\nfrom another thread\n", stream(nb, 3, "stdout")),
                () -> assertEquals("to stderr\n", stream(nb, 3, "stderr")),
                () -> assertTrue(outputs(cell(nb, 3), "execute_result").isEmpty(), "a statement has no result"),
                () -> assertEquals("1267650600228229401496703205376 2024-02-29 true", result(nb, 5)),
                () -> assertEquals(0, cell(nb, 6).path("outputs").size(), "a null value shows nothing, as in JJava"),
                () -> assertEquals("hi there\n", stream(nb, 7, "stdout")),
                () -> assertTrue(outputs(cell(nb, 7), "execute_result").isEmpty()),
                () -> assertEquals("42", result(nb, 8), "%load defines what the cell then uses"),
                () -> assertEquals("true true true", result(nb, 9), "the runner's own classes are hidden from cells"),
                () -> assertEquals("quick quick passing true", result(nb, 10), "mode, working folder, headless"),
                () -> assertTrue(cell(nb, 12).path("execution_count").isNull(), "a blank cell is not executed"),
                () -> assertEquals(10, cell(nb, 11).path("execution_count").asInt()));
    }

    @Test
    void imagesAreInlinePngAndFilesBesideTheCopy() throws Exception {
        JsonNode nb = executed("passing/kernel_semantics.ipynb");
        JsonNode image = cell(nb, 4);
        assertEquals("display id length 36\n", stream(nb, 4, "stdout"), "display returns an id, as in JJava");
        List<JsonNode> displayed = outputs(image, "display_data");
        assertEquals(1, displayed.size(), image.toString());
        assertEquals(40, displayed.get(0).path("metadata").path("image/png").path("width").asInt());
        BufferedImage inline = ImageIO.read(new java.io.ByteArrayInputStream(
                Base64.getDecoder().decode(displayed.get(0).path("data").path("image/png").asText())));
        assertEquals(40, inline.getWidth());
        assertEquals(30, inline.getHeight());
        assertEquals(0xFF0000, inline.getRGB(5, 5) & 0xFFFFFF, "left half drawn red");
        assertEquals(0x000000, inline.getRGB(30, 5) & 0xFFFFFF, "right half untouched");
        assertTrue(result(nb, 4).startsWith("BufferedImage@"), "text/plain beside the image is toString()");
        assertTrue(outputs(image, "execute_result").get(0).path("data").path("image/png").isTextual());
        assertTrue(outputs(cell(nb, 11), "execute_result").get(0).path("data").path("image/png").isTextual(),
                "render(x) as the last expression is shown as rendered");

        Path files = out.resolve("passing/kernel_semantics_files");
        for (String name : List.of("cell04_1.png", "cell04_2.png", "cell11_1.png")) {
            BufferedImage file = ImageIO.read(files.resolve(name).toFile());
            assertEquals(40, file.getWidth(), name);
            assertEquals(0xFF0000, file.getRGB(5, 5) & 0xFFFFFF, name);
        }
        try (var listing = Files.list(files)) {
            assertEquals(3, listing.count(), "one file per image output");
        }
    }

    @Test
    void classpathGlobsAddJarsAndFoldersRelativeToTheNotebook() throws Exception {
        JsonNode nb = executed("passing/nested/uses_jar.ipynb");
        assertEquals("HELLO, NOTEBOOK!", result(nb, 1));
        assertTrue(run.output().contains("'../missing/*.jar' matches nothing"), "a glob that matches nothing is noted, not fatal");
    }

    @Test
    void compileErrorShowsTheLineAndStopsTheNotebook() throws Exception {
        JsonNode nb = executed("failing/compile_error.ipynb");
        JsonNode error = onlyError(nb, 3);
        List<String> traceback = NotebookJson.MAPPER.convertValue(error.path("traceback"), List.class);
        assertAll(
                () -> assertEquals("CompilationException", error.path("ename").asText()),
                () -> assertTrue(error.path("evalue").asText().startsWith("incompatible types"), error.toString()),
                () -> assertTrue(traceback.contains("String wrong = 42;"), traceback.toString()),
                () -> assertTrue(traceback.contains("               ^^"), traceback.toString()),
                () -> assertEquals(2, cell(nb, 3).path("execution_count").asInt()),
                () -> assertEquals("", stream(nb, 3, "stdout"), "nothing after the error ran"),
                () -> assertTrue(cell(nb, 4).path("execution_count").isNull(), "later cells are not executed"),
                () -> assertEquals(0, cell(nb, 4).path("outputs").size()));
    }

    @Test
    void exceptionGivesNameMessageAndTheCellsStackTrace() throws Exception {
        JsonNode nb = executed("failing/exception.ipynb");
        JsonNode error = onlyError(nb, 2);
        String traceback = String.join("\n", NotebookJson.MAPPER.convertValue(error.path("traceback"), List.class));
        assertAll(
                () -> assertEquals("java.lang.IllegalStateException", error.path("ename").asText()),
                () -> assertEquals("boom", error.path("evalue").asText()),
                () -> assertTrue(traceback.startsWith("java.lang.IllegalStateException: boom"), traceback),
                () -> assertTrue(traceback.contains("\tat REPL."), traceback),
                () -> assertTrue(traceback.contains("Caused by: java.io.IOException: root cause"), traceback),
                () -> assertFalse(traceback.contains("concurrencylab.notebook."), "runner frames are cut:\n" + traceback),
                () -> assertEquals("before\n", stream(nb, 1, "stdout")),
                () -> assertTrue(cell(nb, 3).path("execution_count").isNull()));
    }

    @Test
    void unknownMagicFailsWithTheListOfSupportedOnes() throws Exception {
        JsonNode error = onlyError(executed("failing/unknown_magic.ipynb"), 1);
        assertEquals("UnsupportedMagic", error.path("ename").asText());
        assertTrue(error.path("evalue").asText().contains("supports only %classpath and %load"), error.toString());
    }

    @Test
    void withoutClasspathTheLibraryIsNotThere() throws Exception {
        JsonNode error = onlyError(executed("failing/forgot_classpath.ipynb"), 2);
        assertEquals("CompilationException", error.path("ename").asText());
        assertEquals("package greeting does not exist", error.path("evalue").asText());
    }

    @Test
    void cellsAreCompiledForRelease21() throws Exception {
        JsonNode nb = executed("failing/release_21.ipynb");
        assertEquals("1", result(nb, 1), "Java 21 API (List.getFirst) compiles");
        JsonNode error = onlyError(nb, 2);
        String traceback = String.join("\n", NotebookJson.MAPPER.convertValue(error.path("traceback"), List.class));
        assertTrue(traceback.contains("Gatherers"), traceback);
        // The point: the JDK running the cells has the API, only the release flag rejects it.
        assumeTrue(Runtime.version().feature() >= 24, "this JDK lacks Gatherers anyway; the release check needs JDK 24+");
        Class.forName("java.util.stream.Gatherers");
    }

    @Test
    void executedCopiesAreValidNbformat() throws Exception {
        String python = System.getProperty("nbformat.python", "python3");
        boolean available;
        try {
            Process probe = new ProcessBuilder(python, "-c", "import nbformat").redirectErrorStream(true).start();
            available = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (java.io.IOException e) {
            available = false;
        }
        assumeTrue(available, "no Python with nbformat (" + python + "); set -Dnbformat.python=... to validate");
        String script = "import nbformat, sys\n"
                + "for f in sys.argv[1:]:\n"
                + "    nbformat.validate(nbformat.read(f, as_version=nbformat.NO_CONVERT))\n"
                + "print('valid', len(sys.argv) - 1)\n";
        List<String> command = new java.util.ArrayList<>(List.of(python, "-c", script));
        try (var walk = Files.walk(out)) {
            walk.filter(p -> p.toString().endsWith(".ipynb")).forEach(p -> command.add(p.toString()));
        }
        Process validate = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(validate.getInputStream().readAllBytes());
        assertTrue(validate.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, validate.exitValue(), said);
        assertEquals("valid 7", said.strip());
    }
}
