package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static concurrencylab.notebook.Fixtures.cell;
import static concurrencylab.notebook.Fixtures.outputs;
import static concurrencylab.notebook.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --allow-errors} on fixtures/checks/graded.ipynb (cell 3 a passing check, cell 5 a
 * failing check, cell 7 an ordinary failing cell): with the option every cell runs and the
 * summary lists cells 5 and 7, cell 5 marked as a check; without it the run stops at cell 5.
 * The same executed copy shows that the notebook tests' {@link ExerciseVerdict} rejects each way
 * an exercise can be wrong.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NotebookRunnerAllowErrorsTest {
    @TempDir
    static Path workspace;
    static Path fixtures;
    static Fixtures.CliRun allowing;
    static Fixtures.CliRun stopping;

    @BeforeAll
    static void runBoth() throws Exception {
        fixtures = Fixtures.copyFixtures(workspace.resolve("fixtures"));
        Path notebook = fixtures.resolve("checks/graded.ipynb");
        allowing = Fixtures.cli("run", "--root", fixtures.toString(), "--out", workspace.resolve("allowing").toString(),
                "--mode", "quick", "--allow-errors", notebook.toString());
        stopping = Fixtures.cli("run", "--root", fixtures.toString(), "--out", workspace.resolve("stopping").toString(),
                "--mode", "quick", notebook.toString());
    }

    @Test
    void theExerciseVerdictCatchesACheckThatCannotFailAndEveryOtherBreakage() throws Exception {
        // The fixture, run as an unsolved exercise: check 1 is already answered (so it passes: a check
        // that cannot fail a student), check 2 fails without CheckFailed, an ordinary cell fails.
        JsonNode nb = Fixtures.read(workspace.resolve("allowing/checks/graded.ipynb"));
        assertEquals(List.of(
                "graded.ipynb cell 3 is a check cell that passed on the unsolved exercise: it cannot fail a student",
                "graded.ipynb cell 5 is a check cell that failed by java.lang.IllegalStateException: Exercise 2: you have not"
                        + " answered yet\nHint: replace the placeholder, not by a check",
                "graded.ipynb cell 7 is not a check cell but failed: java.lang.UnsupportedOperationException: an ordinary cell fails"),
                ExerciseVerdict.problems("graded.ipynb", nb));
    }

    @Test
    void allowErrorsRunsOnAndListsEachFailedCellMarkingCheckCells() throws Exception {
        String output = allowing.output();
        assertEquals(0, allowing.exitCode(), output);
        assertAll(
                () -> assertTrue(output.contains("Notebooks: 1 ok, 0 failed"), output),
                () -> assertTrue(output.contains("failed cell 5 (check): java.lang.IllegalStateException: Exercise 2: you have not answered yet"), output),
                () -> assertTrue(output.contains("failed cell 7: java.lang.UnsupportedOperationException: an ordinary cell fails"), output),
                () -> assertTrue(!output.contains("failed cell 3"), output));
        JsonNode nb = Fixtures.read(workspace.resolve("allowing/checks/graded.ipynb"));
        assertAll(
                () -> assertEquals("Exercise 1: correct", text(outputs(cell(nb, 3), "execute_result").get(0).path("data").path("text/plain"))),
                () -> assertEquals(1, outputs(cell(nb, 5), "error").size()),
                () -> assertEquals("after the failing check\n", text(outputs(cell(nb, 6), "stream").get(0).path("text"))),
                () -> assertEquals(1, outputs(cell(nb, 7), "error").size()),
                () -> assertEquals("end of notebook", text(outputs(cell(nb, 8), "execute_result").get(0).path("data").path("text/plain"))),
                () -> assertEquals(7, nb.get("cells").get(7).path("execution_count").asInt()));
    }

    @Test
    void withoutTheOptionTheRunStopsAtTheFailingCheck() throws Exception {
        assertEquals(1, stopping.exitCode(), stopping.output());
        assertTrue(stopping.output().contains("checks/graded.ipynb -- cell 5: java.lang.IllegalStateException: Exercise 2"), stopping.output());
        JsonNode nb = Fixtures.read(workspace.resolve("stopping/checks/graded.ipynb"));
        assertEquals(List.of(), outputs(cell(nb, 6), "stream"));
        assertTrue(cell(nb, 6).path("execution_count").isNull());
    }
}
