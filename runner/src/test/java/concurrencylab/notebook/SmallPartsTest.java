package concurrencylab.notebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Magic parsing, globs, notebook discovery, durations and modes. */
class SmallPartsTest {

    @Test
    void lineMagicsAreStepsInPlaceAndCellMagicsAreRecognised() {
        List<CellSource.Step> steps = CellSource.parse("int a = 1;\n  %classpath \"my dir/x.jar\" b.jar\na + 1");
        assertEquals(List.of(new CellSource.Java("int a = 1;\n"),
                new CellSource.LineMagic("classpath", List.of("my dir/x.jar", "b.jar"), "%classpath \"my dir/x.jar\" b.jar"),
                new CellSource.Java("a + 1")), steps);
        assertEquals(List.of(new CellSource.CellMagic("time", List.of(), "%%time")), CellSource.parse("%%time\nThread.sleep(1);"));
        assertEquals(List.of(new CellSource.Java("int pct = 5 % 2;\n")), CellSource.parse("int pct = 5 % 2;\n"));
    }

    @Test
    void globsMatchWithinSegmentsRelativeToTheBase(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib/target"));
        Files.writeString(dir.resolve("lib/target/concurrency-lab.jar"), "");
        Files.writeString(dir.resolve("lib/target/other.txt"), "");
        Path nb = Files.createDirectories(dir.resolve("notebooks"));
        assertEquals(List.of(dir.resolve("lib/target/concurrency-lab.jar")), PathGlob.resolve(nb, "../lib/target/*.jar"));
        assertEquals(List.of(dir.resolve("lib/target/concurrency-lab.jar")), PathGlob.resolve(nb, "../l?b/*/concurrency-lab.jar"));
        assertEquals(List.of(dir.resolve("lib/target")), PathGlob.resolve(nb, "../lib/target"));
        assertEquals(List.of(), PathGlob.resolve(nb, "../lib/missing/*.jar"));
        assertEquals(List.of(), PathGlob.resolve(nb, "../nothing.jar"));
    }

    @Test
    void discoveryIsRecursiveSortedAndSkipsCheckpoints(@TempDir Path dir) throws Exception {
        for (String f : List.of("b.ipynb", "a/c.ipynb", "a/.ipynb_checkpoints/c-checkpoint.ipynb", "notes.md")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.writeString(dir.resolve(f), "{}");
        }
        assertEquals(List.of(dir.resolve("a/c.ipynb"), dir.resolve("b.ipynb")), NotebookDiscovery.find(List.of(dir)));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> NotebookDiscovery.find(List.of(dir.resolve("gone.ipynb"))));
        assertTrue(missing.getMessage().contains("gone.ipynb"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NotebookDiscovery.find(List.of(dir.resolve("notes.md"))));
    }

    @Test
    void durationsAndModes() {
        assertEquals(Duration.ofMinutes(10), Durations.parse("600s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("PT10M"));
        assertEquals("3 s", Durations.format(Duration.ofSeconds(3)));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertTrue(bad.getMessage().contains("'soon'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s"));

        assertEquals("quick", RunCommand.resolveMode("QUICK", "full"));
        assertEquals("quick", RunCommand.resolveMode(null, "quick"));
        assertEquals("full", RunCommand.resolveMode(null, null));
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> RunCommand.resolveMode(null, "fast"));
        assertTrue(mode.getMessage().contains("'fast'") && mode.getMessage().contains("quick or full"), mode.getMessage());
    }

    @Test
    void badArgumentsExitWithTwoAndAClearMessage(@TempDir Path dir) {
        Fixtures.CliRun run = Fixtures.cli("run", "--root", dir.toString(), "--mode", "fast");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("error: invalid mode 'fast': use quick or full"), run.output());
        Fixtures.CliRun empty = Fixtures.cli("run", "--root", dir.toString());
        assertEquals(2, empty.exitCode(), empty.output());
        assertTrue(empty.output().contains("no notebooks"), empty.output());
    }

    @Test
    void aCompilerCrashOnStandardErrorFailsTheCell() {
        String stderr = "warming up\n"
                + "An exception has occurred in the compiler (25.0.3). Please file a bug against the Java compiler ...\n"
                + "java.lang.AssertionError: Incorrect number of arguments; expected 1, found 0\n"
                + "\tat jdk.compiler/com.sun.tools.javac.util.Assert.error(Assert.java:162)\n";
        CellError error = NotebookExecution.compilerCrash(stderr).orElseThrow();
        assertEquals("CompilerCrash", error.ename());
        assertTrue(error.evalue().contains("java.lang.AssertionError: Incorrect number of arguments"), error.evalue());
        assertTrue(error.traceback().get(0).startsWith("An exception has occurred in the compiler"), error.traceback().toString());
        assertTrue(NotebookExecution.compilerCrash("an ordinary warning\n").isEmpty());
    }
}
