package concurrencylab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SummaryTest {

    /**
     * Known seconds, three runs per group, listed thread before process (not alphabetical):
     * thread/1: 4 2 3 (median 3), thread/2: 1.5 1 2 (median 1.5),
     * process/1: 6 5 9 (median 6, mean 20/3), process/2: 3 3 4 (median 3).
     */
    static Table knownRuns() {
        String[] executor = {"thread", "thread", "thread", "thread", "thread", "thread",
                "process", "process", "process", "process", "process", "process"};
        int[] workers = {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2};
        int[] repetition = {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3};
        double[] seconds = {4, 2, 3, 1.5, 1, 2, 6, 5, 9, 3, 3, 4};
        double[] bytes = {10, 10, 10, 20, 20, 20, 30, 31, 32, 40, 41, 42};
        return Table.create("known",
                StringColumn.create("scenario", java.util.Collections.nCopies(12, "pattern1")),
                StringColumn.create("executor", executor),
                IntColumn.create("workers", workers),
                IntColumn.create("repetition", repetition),
                DoubleColumn.create("seconds", seconds),
                DoubleColumn.create("bytes", bytes));
    }

    @Test
    void statisticsPerGroupInGridOrder() {
        Summary summary = Summary.of(knownRuns());
        Table table = summary.table();
        assertEquals(List.of("scenario", "executor", "workers", "count", "median", "min", "max", "mean", "bytes"),
                table.columnNames());
        assertEquals(List.of("thread", "thread", "process", "process"), table.stringColumn("executor").asList());
        assertEquals(List.of(1, 2, 1, 2), table.intColumn("workers").asList());
        assertEquals(List.of(3, 3, 3, 3), table.intColumn("count").asList());
        assertEquals(List.of(3.0, 1.5, 6.0, 3.0), table.doubleColumn("median").asList());
        assertEquals(List.of(2.0, 1.0, 5.0, 3.0), table.doubleColumn("min").asList());
        assertEquals(List.of(4.0, 2.0, 9.0, 4.0), table.doubleColumn("max").asList());
        assertEquals(20.0 / 3, table.doubleColumn("mean").get(2), 1e-12);
        assertEquals(List.of(10.0, 20.0, 31.0, 41.0), table.doubleColumn("bytes").asList());
        assertEquals(List.of("scenario", "executor", "workers"), summary.parameters());
        assertEquals(List.of("bytes"), summary.metrics());
    }

    @Test
    void speedupAgainstOneBaseline() {
        Summary summary = Summary.of(knownRuns()).withSpeedup(Map.of("executor", "thread", "workers", 1));
        assertEquals(List.of(1.0, 2.0, 0.5, 1.0), summary.table().doubleColumn("speedup").asList());
        assertEquals(2.0, summary.speedup(Map.of("executor", "thread", "workers", 2)));
    }

    @Test
    void speedupPerExecutorAgainstItsOwnSingleWorker() {
        Summary summary = Summary.of(knownRuns()).withSpeedup(Map.of("workers", 1), "executor");
        assertEquals(List.of(1.0, 2.0, 1.0, 2.0), summary.table().doubleColumn("speedup").asList());
    }

    @Test
    void lookupsForProse() {
        Summary summary = Summary.of(knownRuns());
        assertEquals(1.5, summary.median(Map.of("executor", "thread", "workers", 2)));
        Summary.Group group = summary.get(Map.of("executor", "process", "workers", 1L));
        assertEquals(5.0, group.min());
        assertEquals(9.0, group.max());
        assertEquals(3, group.count());
        assertEquals(31.0, group.metric("bytes"));
        assertEquals(Map.of("scenario", "pattern1", "executor", "process", "workers", 1), group.key());
        assertTrue(Double.isNaN(group.speedup()));
        assertEquals(4, summary.groups().size());
    }

    @Test
    void lookupErrorsExplainThemselves() {
        Summary summary = Summary.of(knownRuns());
        IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
                () -> summary.median(Map.of("executor", "thread")));
        assertTrue(several.getMessage().contains("matches 2 groups"), several.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> summary.median(Map.of("executor", "virtual", "workers", 1)));
        assertTrue(none.getMessage().contains("no group matches"), none.getMessage());
        assertTrue(none.getMessage().contains("executor=thread workers=2"), none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> summary.median(Map.of("threads", 1)));
        assertTrue(unknown.getMessage().contains("'threads' is not a parameter"), unknown.getMessage());
        IllegalStateException noSpeedup = assertThrows(IllegalStateException.class,
                () -> summary.speedup(Map.of("executor", "thread", "workers", 1)));
        assertTrue(noSpeedup.getMessage().contains("withSpeedup"), noSpeedup.getMessage());
        IllegalArgumentException noBaseline = assertThrows(IllegalArgumentException.class,
                () -> summary.withSpeedup(Map.of("workers", 3), "executor"));
        assertTrue(noBaseline.getMessage().contains("no baseline matches"), noBaseline.getMessage());
    }

    @Test
    void whereKeepsMatchingGroups() {
        Summary threads = Summary.of(knownRuns()).where(Map.of("executor", "thread"));
        assertEquals(List.of(3.0, 1.5), threads.table().doubleColumn("median").asList());
    }

    @Test
    void explicitGroupingForAnyTable() {
        Summary byWorkers = Summary.of(knownRuns(), "workers");
        assertEquals(List.of(1, 2), byWorkers.table().intColumn("workers").asList());
        // workers=1: 4 2 3 6 5 9 -> median 4.5 (Tablesaw's median of an even count)
        assertEquals(4.5, byWorkers.median(Map.of("workers", 1)));
        assertEquals(6, byWorkers.get(Map.of("workers", 1)).count());
    }

    @Test
    void realExperimentWithADoubleParameterAndEnums() throws Exception {
        Table runs = Experiment.named("real")
                .param("kind", ExperimentTest.Kind.PROCESS, ExperimentTest.Kind.THREAD)
                .param("load", 0.25, 0.5)
                .warmups(1).repetitions(3).quiet()
                .run(p -> p.metric("load x10", p.doubleValue("load") * 10));
        Summary summary = Summary.of(runs);
        assertEquals(4, summary.groups().size());
        assertEquals(List.of("PROCESS", "PROCESS", "THREAD", "THREAD"),
                summary.table().stringColumn("kind").asList());
        assertEquals(List.of(0.25, 0.5, 0.25, 0.5), summary.table().doubleColumn("load").asList());
        Summary.Group group = summary.get(Map.of("kind", ExperimentTest.Kind.THREAD, "load", 0.5));
        assertEquals(3, group.count());
        assertEquals(5.0, group.metric("load x10"));
        assertTrue(group.min() <= group.median() && group.median() <= group.max());
    }

    @Test
    void rejectsTablesThatAreNotRunTables() {
        Table noSeconds = Table.create("x", IntColumn.create("workers", new int[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summary.of(noSeconds));
        assertTrue(e.getMessage().contains("no column 'scenario'"), e.getMessage());
    }
}
