package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every notebook of the tutorial ({@code notebooks/**}/*.ipynb) executed in quick mode by the
 * packaged runner jar, as a user runs it: one test per notebook, failing with the runner's
 * output (which names the cell and the error) when any cell fails. The lessons and the
 * solutions ({@code notebooks/solutions/}) must pass every cell. The exercises
 * ({@code notebooks/exercises/}, unsolved by design) run with {@code --allow-errors} and must
 * fail in exactly their check cells (nbgrader {@code grade: true}), each with a
 * {@code CheckFailed} that gives a hint: a check that cannot fail, or an exercise that breaks
 * before its checks, fails the test. Each exercise has its solution, with the same graded cells.
 * Runs in {@code verify}, after the library's jar and the runner's jar are packaged.
 *
 * <p>System properties (set by the pom): {@code concurrencylab.root} (the repository),
 * {@code notebook.runner.jar}, {@code notebook.test.out} (where the executed copies go).
 */
class NotebooksIT {
    private static final long NOTEBOOK_LIMIT_MINUTES = 30;

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), "system property " + name + " is not set (the pom sets it)");
        return Path.of(value).toAbsolutePath().normalize();
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInQuickMode() throws IOException {
        Path notebooks = property("concurrencylab.root").resolve("notebooks");
        if (!Files.isDirectory(notebooks)) {
            // Reported as one skipped test with the reason, not as a silent pass.
            return Stream.of(DynamicTest.dynamicTest("no notebooks/ folder", () -> assumeTrue(false,
                    "there is no notebooks/ folder yet (" + notebooks + "): no notebook to test")));
        }
        List<Path> found = NotebookDiscovery.find(List.of(notebooks));
        assertFalse(found.isEmpty(), "notebooks/ exists but holds no *.ipynb: " + notebooks);
        Path jar = property("notebook.runner.jar");
        assertTrue(Files.isRegularFile(jar), "the runner jar is not packaged: " + jar);
        Path out = property("notebook.test.out");
        Path exercises = notebooks.resolve(EXERCISES);
        return found.stream().map(notebook -> DynamicTest.dynamicTest(
                notebooks.relativize(notebook).toString(), notebook.startsWith(exercises)
                        ? () -> runExercise(jar, notebooks, out, notebook)
                        : () -> run(jar, notebooks, out, notebook, false)));
    }

    static final String EXERCISES = "exercises";

    private static void runExercise(Path jar, Path notebooks, Path out, Path notebook) throws Exception {
        String name = notebook.getFileName().toString();
        assertTrue(name.endsWith("_exercises.ipynb"), "an exercise notebook's name ends with _exercises.ipynb: " + name);
        Path solution = notebooks.resolve("solutions").resolve(name.replaceFirst("_exercises\\.ipynb$", "_solutions.ipynb"));
        assertTrue(Files.isRegularFile(solution), "exercise " + name + " has no solution " + solution);
        assertEquals(gradeIds(readJson(notebook)), gradeIds(readJson(solution)),
                "the exercise and its solution must have the same nbgrader cells (grade_id, in order)");

        String output = run(jar, notebooks, out, notebook, true);
        JsonNode executed = readJson(out.resolve(notebooks.relativize(notebook).toString()));
        assertEquals(List.of(), ExerciseVerdict.problems(name, executed), output);
    }

    /**
     * Plain Jackson: this test runs against the packaged (shaded) runner jar, whose own JSON
     * classes are relocated, so the runner's helpers cannot be called from here.
     */
    private static JsonNode readJson(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<String> gradeIds(JsonNode notebook) {
        List<String> ids = new ArrayList<>();
        notebook.get("cells").forEach(c -> {
            JsonNode nbgrader = c.path("metadata").path("nbgrader");
            if (nbgrader.path("grade").asBoolean(false) || nbgrader.path("solution").asBoolean(false)) {
                ids.add(nbgrader.path("grade_id").asText());
            }
        });
        return ids;
    }

    private static String run(Path jar, Path notebooks, Path out, Path notebook, boolean allowErrors) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(), "run", "--mode", "quick",
                "--root", notebooks.toString(), "--out", out.toString()));
        if (allowErrors) {
            command.add("--allow-errors");
        }
        command.add(notebook.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        // Read while it runs, so a chatty notebook cannot block on a full pipe.
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e).append(')');
            }
        });
        if (!process.waitFor(NOTEBOOK_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(notebook + " still running after " + NOTEBOOK_LIMIT_MINUTES + " minutes");
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        System.out.print(output);
        assertEquals(0, process.exitValue(), () -> notebooks.relativize(notebook) + " failed in quick mode:\n" + output);
        return output.toString();
    }
}
