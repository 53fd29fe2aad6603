package concurrencylab.notebook;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * output (which names the cell and the error) when any cell fails. Runs in {@code verify},
 * after the library's jar and the runner's jar are packaged.
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
        return found.stream().map(notebook -> DynamicTest.dynamicTest(
                notebooks.relativize(notebook).toString(), () -> run(jar, notebooks, out, notebook)));
    }

    private static void run(Path jar, Path notebooks, Path out, Path notebook) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "run", "--mode", "quick",
                "--root", notebooks.toString(), "--out", out.toString(), notebook.toString())
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
    }
}
