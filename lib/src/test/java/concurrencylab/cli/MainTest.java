package concurrencylab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import concurrencylab.workload.GlobalValue;
import concurrencylab.workload.HeapBudget;
import concurrencylab.workload.Squaring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against hangs, not a speed requirement.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MainTest {

    /** What one command line printed and returned. */
    record Result(int exitCode, List<String> out, List<String> err) {
    }

    static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Exit code 2, nothing on standard output, one "error: " line (plus maybe a hint), no trace. */
    static String assertRefused(Result result) {
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.out().isEmpty(), result.toString());
        List<String> err = result.err();
        assertTrue(err.size() == 1 || err.size() == 2, result.toString());
        assertTrue(err.get(0).startsWith("error: "), result.toString());
        if (err.size() == 2) {
            assertTrue(err.get(1).startsWith("Try '") && err.get(1).contains("--help"), result.toString());
        }
        assertFalse(err.stream().anyMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), result.toString());
        return err.get(0);
    }

    @AfterEach
    void resetGlobal() {
        GlobalValue.reset();
    }

    @Test
    void pattern1LightTasksPrintOnesThenElapsedWithThreeDecimals() {
        Result result = run("pattern1", "--executor", "thread", "-y", "0", "-n", "3");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(4, result.out().size(), result.toString());
        assertEquals(List.of("1", "1", "1"), result.out().subList(0, 3));
        assertTrue(result.out().get(3).matches("elapsed: \\d+\\.\\d{3} sec"), result.out().get(3));
        assertTrue(result.err().isEmpty(), result.toString());
    }

    @Test
    void pattern1DoesRealSquarings() {
        Result result = run("pattern1", "--executor", "THREAD", "-x", "3", "-y", "12", "-n", "2", "--max-workers", "1");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("1", "1"), result.out().subList(0, 2));
    }

    @Test
    void pattern1WithNoTasksPrintsOnlyTheTime() {
        Result result = run("pattern1", "--executor", "thread", "-n", "0");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(1, result.out().size(), result.toString());
        assertTrue(result.out().get(0).matches("elapsed: \\d+\\.\\d{3} sec"), result.toString());
    }

    @Test
    void pattern1RefusesAYThatNeedsMoreMemoryThanTheHeap() {
        String error = assertRefused(run("pattern1", "-y", "40"));
        assertTrue(error.contains("x=2, y=40"), error);
        assertTrue(error.contains("640 GiB"), error);
        assertTrue(error.contains("maximum heap is"), error);
    }

    @Test
    void pattern1RefusesThreadTasksThatFitAloneButNotTogether() {
        // x=2, y=30 fits this heap once; enough workers running it at once cannot fit.
        long each = Squaring.requiredBytes(2, 30);
        org.junit.jupiter.api.Assumptions.assumeTrue(each <= HeapBudget.maxHeapBytes());
        String workers = Long.toString(HeapBudget.maxHeapBytes() / each + 1);
        String error = assertRefused(run("pattern1", "--executor", "thread", "-y", "30", "-n", workers,
                "--max-workers", workers));
        assertTrue(error.contains(workers + " tasks running at once"), error);
        assertTrue(error.contains("lower --max-workers"), error);
    }

    @Test
    void pattern2PicksYAndPrintsSixDecimals() {
        Result result = run("pattern2", "--executor", "thread", "-x", "1000", "-y", "30", "-n", "3");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("30", "30", "30"), result.out().subList(0, 3));
        assertEquals(4, result.out().size(), result.toString());
        assertTrue(result.out().get(3).matches("elapsed: \\d+\\.\\d{6} sec"), result.out().get(3));
    }

    @Test
    void pattern2BoxedPicksTheSame() {
        Result result = run("pattern2", "--executor", "thread", "--boxed", "-x", "1000", "-y", "999", "-n", "2");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("999", "999"), result.out().subList(0, 2));
    }

    @Test
    void pattern2RefusesTheArticlesOwnDefaults() {
        String error = assertRefused(run("pattern2", "--executor", "thread"));
        assertTrue(error.contains("x > y") && error.contains("x=2") && error.contains("y=30"), error);
    }

    @Test
    void pattern2RefusesDataBeyondTheHeap() {
        // 2 billion boxed Integers need about 37 GiB; this test JVM's heap is smaller.
        String error = assertRefused(run("pattern2", "--executor", "thread", "--boxed", "-x", "2000000000", "-y", "1"));
        assertTrue(error.contains("maximum heap is"), error);
    }

    @Test
    void pattern3WithThreadsSeesEveryWriteMadeAfterSubmission() {
        GlobalValue.set(42); // the command must start from 0 whatever came before
        Result result = run("pattern3", "--executor", "thread");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("1", "2", "2", "3", "3", "3"), result.out());
    }

    @Test
    void pattern1OnWorkerJvmsPrintsTheSameAsOnThreads() {
        Result result = run("pattern1", "--executor", "process", "-y", "0", "-n", "3");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(4, result.out().size(), result.toString());
        assertEquals(List.of("1", "1", "1"), result.out().subList(0, 3));
        assertTrue(result.out().get(3).matches("elapsed: \\d+\\.\\d{3} sec"), result.out().get(3));
    }

    @Test
    void pattern2OnWorkerJvmsPicksFromTheCopyEachWorkerReceived() {
        for (String data : new String[] {"int[]", "List<Integer>"}) {
            Result result = data.equals("int[]")
                    ? run("pattern2", "--executor", "process", "-x", "100000", "-y", "77", "-n", "2")
                    : run("pattern2", "--executor", "process", "--boxed", "-x", "100000", "-y", "77", "-n", "2");
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals(List.of("77", "77"), result.out().subList(0, 2));
            assertTrue(result.out().get(2).matches("elapsed: \\d+\\.\\d{6} sec"), result.out().get(2));
        }
    }

    @Test
    void pattern3OnWorkerJvmsSeesOnlyEachWorkersOwnStatic() {
        GlobalValue.set(42); // the caller's value never reaches a worker JVM
        Result result = run("pattern3", "--executor", "process", "--max-workers", "2");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("0", "0", "0", "0", "0", "0"), result.out());
    }

    @Test
    void processIsTheDefaultExecutorAsInTheArticle() {
        Result result = run("pattern3");
        assertEquals(List.of("0", "0", "0", "0", "0", "0"), result.out(), result.toString());
    }

    @Test
    void benchPoolPrintsThreeRatioLines() {
        // The format only; the figures themselves are the benchmark's business, not a test's.
        Result result = run("bench", "pool", "--repetitions", "1", "--elements", "1000");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().stream().filter(l -> l.matches(".*ratio=\\d+(\\.\\d+)?")).toList();
        assertEquals(3, lines.size(), result.toString());
        assertTrue(lines.get(0).startsWith("startup:") && lines.get(1).startsWith("round-trip:")
                && lines.get(2).startsWith("throughput:"), lines.toString());
    }

    @Test
    void benchRefusesBadCounts() {
        assertTrue(assertRefused(run("bench", "pool", "--repetitions", "0")).contains("between 1 and 100, got 0"));
        assertTrue(assertRefused(run("bench", "pool", "--elements", "-5")).contains("got -5"));
        assertTrue(assertRefused(run("bench")).contains("missing a benchmark"));
    }

    @Test
    void badValuesAreRefusedWithOneLineAndExitCode2() {
        assertTrue(assertRefused(run("pattern1", "--executor", "thread", "--max-workers", "0"))
                .contains("--max-workers must be at least 1, got 0"));
        assertTrue(assertRefused(run("pattern1", "--executor", "thread", "-n", "-1"))
                .contains("-n must be at least 0, got -1"));
        assertTrue(assertRefused(run("pattern1", "--executor", "thread", "-y", "-3")).contains("y=-3"));
        assertTrue(assertRefused(run("pattern1", "--executor", "thread", "-x", "0")).contains("x=0"));
        assertTrue(assertRefused(run("pattern1", "-x", "two")).contains("'two'"));
        assertTrue(assertRefused(run("pattern1", "--executor", "fork")).contains("'fork'"));
        assertTrue(assertRefused(run("pattern2", "--executor", "thread", "-x", "10", "-y", "-1")).contains("-1"));
        assertTrue(assertRefused(run("pattern3", "--no-such-flag")).contains("--no-such-flag"));
        assertTrue(assertRefused(run("pattern4")).contains("pattern4"));
        assertTrue(assertRefused(run()).contains("missing a command"));
    }

    @Test
    void anInterruptedRunEndsWithOneLineAndKeepsTheInterruptStatus() throws Exception {
        // x=1 squares 1 for billions of rounds: endless for this purpose, and memory-free.
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var code = new java.util.concurrent.CompletableFuture<Integer>();
        var stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread runner = Thread.ofPlatform().start(() -> {
            code.complete(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    "pattern1", "--executor", "thread", "-x", "1", "-y", "2147483647", "-n", "2"));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        // Interrupt until the run ends: an interrupt that lands before the wait starts is seen too.
        while (!code.isDone()) {
            runner.interrupt();
            Thread.sleep(50);
        }
        runner.join();
        assertEquals(130, code.get());
        assertEquals("error: interrupted", err.toString(StandardCharsets.UTF_8).strip());
        assertTrue(stillInterrupted.get());
    }

    @Test
    void helpExitsZeroForEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"pattern1", "--help"}, {"pattern2", "-h"}, {"pattern3", "--help"},
                {"bench", "pool", "--help"}}) {
            Result result = run(args);
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.out().get(0).startsWith("Usage: concurrency-lab"), result.toString());
            assertTrue(result.err().isEmpty(), result.toString());
        }
        assertTrue(String.join("\n", run("pattern1", "--help").out()).contains("--executor"));
    }
}
