package concurrencylab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class ExperimentTest {

    enum Kind { THREAD, PROCESS }

    @Test
    void recordsOneRowPerRepetitionAndNoWarmups() throws Exception {
        AtomicInteger warmupCalls = new AtomicInteger();
        AtomicInteger recordedCalls = new AtomicInteger();
        Table runs = Experiment.named("grid")
                .param("executor", "thread", "process")
                .param("workers", 1, 2, 3)
                .warmups(2).repetitions(3).quiet()
                .run(p -> (p.isWarmup() ? warmupCalls : recordedCalls).incrementAndGet());

        assertEquals(2 * 3 * 3, runs.rowCount());
        assertEquals(2 * 3 * 2, warmupCalls.get());
        assertEquals(2 * 3 * 3, recordedCalls.get());
        assertEquals(List.of("scenario", "executor", "workers", "repetition", "seconds"), runs.columnNames());
        assertEquals(ColumnType.STRING, runs.column("executor").type());
        assertEquals(ColumnType.INTEGER, runs.column("workers").type());
        assertEquals(ColumnType.DOUBLE, runs.column("seconds").type());
        assertEquals("grid", runs.stringColumn("scenario").get(0));
        // grid order: first parameter slowest, repetitions innermost
        assertEquals(List.of("thread", "thread", "thread"), runs.stringColumn("executor").asList().subList(0, 3));
        assertEquals(List.of(1, 1, 1, 2), runs.intColumn("workers").asList().subList(0, 4));
        assertEquals(List.of(1, 2, 3, 1), runs.intColumn("repetition").asList().subList(0, 4));
        assertEquals("process", runs.stringColumn("executor").get(17));
        assertTrue(runs.doubleColumn("seconds").asList().stream().allMatch(s -> s >= 0));
    }

    @Test
    void bodySeesTheGridPointValues() throws Exception {
        List<String> seen = new ArrayList<>();
        Experiment.named("values")
                .param("kind", Kind.THREAD, Kind.PROCESS)
                .param("n", 10L)
                .param("ratio", 0.5)
                .warmups(0).repetitions(1).quiet()
                .run(p -> seen.add(p.enumValue("kind", Kind.class) + " " + p.string("kind") + " " + p.longValue("n")
                        + " " + p.doubleValue("ratio") + " " + p.doubleValue("n")));
        assertEquals(List.of("THREAD THREAD 10 0.5 10.0", "PROCESS PROCESS 10 0.5 10.0"), seen);
    }

    @Test
    void enumParametersAreWrittenByName() throws Exception {
        Table runs = Experiment.named("enums").param("kind", Kind.THREAD, Kind.PROCESS)
                .warmups(0).repetitions(1).quiet().run(p -> { });
        assertEquals(List.of("THREAD", "PROCESS"), runs.stringColumn("kind").asList());
    }

    @Test
    void listParametersTakeTheirTypeFromTheValues() throws Exception {
        Table runs = Experiment.named("lists")
                .param("size", Mode.QUICK.pick(List.of(10, 20), List.of(10, 20, 30)))
                .param("scale", List.of(1.5, 2.5))
                .warmups(0).repetitions(1).quiet().run(p -> { });
        assertEquals(ColumnType.INTEGER, runs.column("size").type());
        assertEquals(ColumnType.DOUBLE, runs.column("scale").type());
        assertEquals(4, runs.rowCount());
    }

    @Test
    void wholeBodyIsTimedByDefault() throws Exception {
        Table runs = Experiment.named("sleep").warmups(0).repetitions(2).quiet()
                .run(p -> Thread.sleep(20));
        assertTrue(runs.doubleColumn("seconds").asList().stream().allMatch(s -> s >= 0.020), runs.print());
    }

    @Test
    void timedSectionsAloneAreRecordedOnceUsed() throws Exception {
        AtomicReference<Integer> result = new AtomicReference<>();
        Table runs = Experiment.named("section").warmups(0).repetitions(2).quiet()
                .run(p -> {
                    Thread.sleep(5);
                    p.timed(() -> Thread.sleep(10));
                    result.set(p.timed(() -> {
                        Thread.sleep(10);
                        return 42;
                    }));
                });
        assertEquals(42, result.get());
        assertTrue(runs.doubleColumn("seconds").asList().stream().allMatch(s -> s >= 0.020), runs.print());
    }

    @Test
    void metricsBecomeColumnsMissingWhereNotReported() throws Exception {
        Table runs = Experiment.named("metrics").param("n", 1, 2).warmups(1).repetitions(2).quiet()
                .run(p -> {
                    if (p.integer("n") == 2) {
                        p.metric("bytes", 100.0 * p.repetition());
                    }
                });
        assertEquals(List.of("scenario", "n", "repetition", "seconds", "bytes"), runs.columnNames());
        assertTrue(runs.doubleColumn("bytes").isMissing(0));
        assertEquals(100.0, runs.doubleColumn("bytes").get(2));
        assertEquals(200.0, runs.doubleColumn("bytes").get(3));
    }

    @Test
    void failureNamesTheGridPointAndKeepsTheCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        MeasurementException e = assertThrows(MeasurementException.class, () ->
                Experiment.named("failing")
                        .param("executor", "thread", "process")
                        .param("workers", 1, 2)
                        .warmups(0).repetitions(3).quiet()
                        .run(p -> {
                            if (p.string("executor").equals("process") && p.integer("workers") == 2 && p.repetition() == 2) {
                                throw boom;
                            }
                        }));
        assertTrue(e.getMessage().contains("failing failed at executor=process workers=2 (repetition 2/3)"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertSame(boom, e.getCause());
        assertEquals(Map.of("executor", "process", "workers", 2), e.point());
    }

    @Test
    void failureInAWarmupSaysSo() {
        MeasurementException e = assertThrows(MeasurementException.class, () ->
                Experiment.named("w").param("n", 7).warmups(1).quiet().run(p -> {
                    throw new IOException("disk");
                }));
        assertTrue(e.getMessage().contains("n=7 (warm-up 1/1)"), e.getMessage());
    }

    @Test
    void interruptIsNoticedBetweenRuns() {
        AtomicInteger calls = new AtomicInteger();
        InterruptedException e = assertThrows(InterruptedException.class, () ->
                Experiment.named("stop").param("n", 1, 2).warmups(0).repetitions(5).quiet()
                        .run(p -> {
                            calls.incrementAndGet();
                            Thread.currentThread().interrupt(); // as if the stop button was pressed during the run
                        }));
        assertEquals(1, calls.get());
        assertTrue(e.getMessage().contains("n=1"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void interruptStopsARunningMeasurementAndShutsDownTrackedPools() throws Exception {
        CountDownLatch taskStarted = new CountDownLatch(1);
        AtomicReference<ExecutorService> poolRef = new AtomicReference<>();
        List<Thread> poolThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();

        Thread cell = new Thread(() -> {
            try {
                Experiment.named("blocking").param("workers", 2).warmups(0).repetitions(3).quiet()
                        .run(p -> {
                            runs.incrementAndGet();
                            ExecutorService pool = p.track(Executors.newFixedThreadPool(p.integer("workers"), r -> {
                                Thread t = new Thread(r, "tracked-pool-worker");
                                poolThreads.add(t);
                                return t;
                            }));
                            poolRef.set(pool);
                            Future<?> task = pool.submit(() -> {
                                taskStarted.countDown();
                                Thread.sleep(60_000); // responds to shutdownNow's interrupt
                                return null;
                            });
                            task.get(); // the cell's thread blocks here until interrupted
                        });
                outcome.set(new AssertionError("measurement finished without interruption"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "notebook-cell");
        cell.start();

        assertTrue(taskStarted.await(30, TimeUnit.SECONDS), "task did not start");
        cell.interrupt();
        cell.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(cell.isAlive(), "measurement did not stop after interrupt");

        InterruptedException e = assertInstanceOf(InterruptedException.class, outcome.get());
        assertTrue(e.getMessage().contains("blocking interrupted at workers=2 (repetition 1/3)"), e.getMessage());
        assertEquals(1, runs.get());
        ExecutorService pool = poolRef.get();
        assertNotNull(pool);
        assertTrue(pool.isShutdown());
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "pool did not terminate");
        for (Thread t : poolThreads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive(), t.getName() + " still running");
        }
    }

    @Test
    void trackedResourcesAreClosedAfterEachRunOutsideTheTiming() throws Exception {
        List<String> events = new ArrayList<>();
        Experiment.named("track").warmups(1).repetitions(2).quiet().run(p -> {
            p.track(() -> events.add("close a"));
            p.track(() -> events.add("close b"));
            ExecutorService pool = p.track(Executors.newSingleThreadExecutor());
            pool.submit(() -> { });
            events.add("body");
        });
        assertEquals(List.of("body", "close b", "close a", "body", "close b", "close a", "body", "close b", "close a"),
                events);
    }

    @Test
    void failingBodyStillClosesTrackedPoolsNow() {
        AtomicReference<ExecutorService> poolRef = new AtomicReference<>();
        assertThrows(MeasurementException.class, () -> Experiment.named("fails").warmups(0).quiet().run(p -> {
            ExecutorService pool = p.track(Executors.newSingleThreadExecutor());
            poolRef.set(pool);
            pool.submit(() -> {
                Thread.sleep(60_000);
                return null;
            });
            throw new IllegalStateException("body failed");
        }));
        assertTrue(poolRef.get().isShutdown());
    }

    @Test
    void firstRunsRecordsEveryRunWithoutWarmup() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Experiment experiment = Experiment.named("jit").warmups(3).repetitions(2).quiet();
        Table curve = experiment.firstRuns(7, p -> calls.incrementAndGet());
        assertEquals(7, calls.get());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), curve.intColumn("repetition").asList());
        // the experiment's own settings are back afterwards
        calls.set(0);
        assertEquals(2, experiment.run(p -> calls.incrementAndGet()).rowCount());
        assertEquals(5, calls.get());
    }

    @Test
    void interleavedRunsRoundRobinAndKeepsTheTableInGridOrder() throws Exception {
        List<String> order = new ArrayList<>();
        Experiment experiment = Experiment.named("rr").param("n", 1, 2, 3).warmups(1).repetitions(2).quiet()
                .interleaved();
        assertTrue(experiment.isInterleaved());
        Table runs = experiment.run(p -> {
            order.add((p.isWarmup() ? "w" : "r") + p.repetition() + ":" + p.integer("n"));
            p.metric("n squared", p.integer("n") * p.integer("n"));
        });
        assertEquals(List.of("w1:1", "w1:2", "w1:3", "r1:1", "r1:2", "r1:3", "r2:1", "r2:2", "r2:3"), order);
        // same layout and grid order as without interleaving: Summary.of reads it alike
        assertEquals(List.of("scenario", "n", "repetition", "seconds", "n squared"), runs.columnNames());
        assertEquals(List.of(1, 1, 2, 2, 3, 3), runs.intColumn("n").asList());
        assertEquals(List.of(1, 2, 1, 2, 1, 2), runs.intColumn("repetition").asList());
        assertEquals(List.of(1.0, 1.0, 4.0, 4.0, 9.0, 9.0), runs.doubleColumn("n squared").asList());
        assertEquals(3, Summary.of(runs).groups().size());
    }

    @Test
    void interleavedCanBeSwitchedOffAgainAndIsOffByDefault() throws Exception {
        List<Integer> order = new ArrayList<>();
        Experiment experiment = Experiment.named("grid").param("n", 1, 2).warmups(0).repetitions(2).quiet();
        assertFalse(experiment.isInterleaved());
        experiment.interleaved().interleaved(false).run(p -> order.add(p.integer("n")));
        assertEquals(List.of(1, 1, 2, 2), order);
    }

    @Test
    void interleavedFirstRunsVisitEveryPointPerRound() throws Exception {
        List<String> order = new ArrayList<>();
        Table curve = Experiment.named("jit").param("code", "a", "b").interleaved().quiet()
                .firstRuns(3, p -> order.add(p.string("code") + p.repetition()));
        assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), order);
        assertEquals(List.of("a", "a", "a", "b", "b", "b"), curve.stringColumn("code").asList());
    }

    @Test
    void interleavedProgressPrintsRoundsThenEveryPoint() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Experiment.named("demo").param("n", 1, 2).warmups(1).repetitions(2).interleaved()
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(p -> { });
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertEquals("demo: 2 grid points x (1 warm-up + 2 repetitions) = 6 runs, interleaved", lines.get(0));
        assertTrue(lines.get(1).startsWith("[warm-up round 1/1] elapsed "), lines.get(1));
        assertTrue(lines.get(2).startsWith("[repetition round 1/2] elapsed "), lines.get(2));
        assertTrue(lines.get(3).startsWith("[repetition round 2/2] elapsed "), lines.get(3));
        assertTrue(lines.get(4).startsWith("[1/2] n=1: median "), lines.get(4));
        assertTrue(lines.get(5).startsWith("[2/2] n=2: median "), lines.get(5));
        assertTrue(lines.get(6).startsWith("demo: done, 6 runs in "), lines.get(6));
    }

    @Test
    void interleavedFailureStillNamesTheGridPoint() {
        MeasurementException e = assertThrows(MeasurementException.class, () -> Experiment.named("f")
                .param("n", 1, 2).warmups(0).repetitions(2).interleaved().quiet()
                .run(p -> {
                    if (p.integer("n") == 2 && p.repetition() == 1) {
                        throw new IllegalStateException("boom");
                    }
                }));
        assertTrue(e.getMessage().contains("n=2"), e.getMessage());
        assertTrue(e.getMessage().contains("repetition 1/2"), e.getMessage());
    }

    @Test
    void progressPrintsAHeaderALinePerGridPointAndAClosingLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Experiment.named("demo").param("executor", "thread", "process").param("workers", 1, 2)
                .warmups(1).repetitions(2)
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(p -> { });
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertEquals("demo: 4 grid points x (1 warm-up + 2 repetitions) = 12 runs", lines.get(0));
        String duration = "[0-9.]+ (s|ms|µs)";
        String elapsed = "[0-9.]+ s";
        assertTrue(lines.get(1).matches("\\[1/4] executor=thread workers=1: median " + duration
                + "  elapsed " + elapsed + ", ~" + elapsed + " left"), lines.get(1));
        assertTrue(lines.get(3).startsWith("[3/4] executor=process workers=1: median "), lines.get(3));
        assertTrue(lines.get(4).matches("\\[4/4] executor=process workers=2: median " + duration
                + "  elapsed " + elapsed), lines.get(4));
        assertTrue(lines.get(5).matches("demo: done, 12 runs in " + elapsed), lines.get(5));
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    @Test
    void slowRunsGetALineEach() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Experiment.named("slow").param("n", 5).warmups(1).repetitions(2)
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .slowRunSeconds(-1) // every run counts as slow
                .run(p -> { });
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("[1/1] n=5 warm-up 1/1: "), lines.get(1));
        assertTrue(lines.get(2).startsWith("[1/1] n=5 rep 1/2: "), lines.get(2));
        assertTrue(lines.get(2).contains(" left"), lines.get(2));
        assertTrue(lines.get(3).startsWith("[1/1] n=5 rep 2/2: "), lines.get(3));
        assertTrue(lines.get(4).startsWith("[1/1] n=5: median "), lines.get(4));
    }

    @Test
    void quietPrintsNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Experiment.named("q").param("n", 1, 2).progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .quiet().run(p -> { });
        assertEquals(0, bytes.size());
    }

    @Test
    void badConfigurationIsRejectedEarly() {
        Experiment e = Experiment.named("bad").param("n", 1);
        assertMessage(() -> e.param("n", 2), "'n' is already defined");
        assertMessage(() -> e.param("seconds", 1), "reserved");
        assertMessage(() -> e.param("empty", new int[0]), "at least one value");
        assertMessage(() -> e.param("mixed", List.of(1, "a")), "mixes value types");
        assertMessage(() -> e.param("dup", 1, 1), "repeats a value");
        assertMessage(() -> e.param("odd", List.of(new Object())), "allowed: String, enum, Integer, Long, Double");
        assertMessage(() -> e.repetitions(0), "repetitions must be >= 1, got 0");
        assertMessage(() -> e.warmups(-1), "warmups must be >= 0, got -1");
        assertMessage(() -> Experiment.named(" "), "non-blank name");
    }

    @Test
    void readingAParameterTheWrongWayNamesIt() {
        MeasurementException e = assertThrows(MeasurementException.class, () ->
                Experiment.named("kinds").param("executor", "thread").quiet().run(p -> p.integer("executor")));
        assertTrue(e.getCause().getMessage().contains("parameter 'executor' holds text values"), e.getCause().getMessage());
        MeasurementException missing = assertThrows(MeasurementException.class, () ->
                Experiment.named("kinds").param("executor", "thread").quiet().run(p -> p.string("workers")));
        assertTrue(missing.getCause().getMessage().contains("no parameter named 'workers'"), missing.getMessage());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable action, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
