package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static concurrencylab.notebook.Fixtures.cell;
import static concurrencylab.notebook.Fixtures.outputs;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-cell timeout: an interrupt, like the kernel's stop button, then an error naming the cell. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NotebookRunnerTimeoutTest {

    @Test
    void aCellPastItsTimeoutIsInterruptedAndFailsTheNotebook(@TempDir Path workspace) throws Exception {
        Path fixtures = Fixtures.copyFixtures(workspace.resolve("fixtures"));
        Path out = workspace.resolve("out");
        Fixtures.CliRun run = Fixtures.cli("run", "--root", fixtures.toString(), "--out", out.toString(),
                "--cell-timeout", "3s", "--interrupt-grace", "1s", fixtures.resolve("timeout").toString());

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("timeout/sleeps.ipynb -- cell 1: CellTimeout: cell 1 timed out after 3 s"), run.output());
        assertTrue(run.output().contains("timeout/spins.ipynb -- cell 1: CellTimeout: cell 1 timed out after 3 s"), run.output());

        JsonNode sleeps = NotebookJson.read(out.resolve("timeout/sleeps.ipynb"));
        JsonNode sleepError = outputs(cell(sleeps, 1), "error").get(0);
        List<String> sleepTrace = NotebookJson.MAPPER.convertValue(sleepError.path("traceback"), List.class);
        assertAll(
                () -> assertEquals("going to sleep\n", Fixtures.text(outputs(cell(sleeps, 1), "stream").get(0).path("text"))),
                () -> assertEquals("cell 1 timed out after 3 s", sleepError.path("evalue").asText()),
                () -> assertTrue(sleepTrace.get(0).endsWith("and stopped."), sleepTrace.toString()),
                () -> assertTrue(cell(sleeps, 2).path("execution_count").isNull()));

        // A loop that ignores interrupts: reported as such, and its JVM still ends.
        JsonNode spins = NotebookJson.read(out.resolve("timeout/spins.ipynb"));
        List<String> spinTrace = NotebookJson.MAPPER.convertValue(
                outputs(cell(spins, 1), "error").get(0).path("traceback"), List.class);
        assertTrue(spinTrace.get(0).contains("did not stop within the grace period"), spinTrace.toString());
    }
}
