package concurrencylab.cli;

import static concurrencylab.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import concurrencylab.cli.MainTest.Result;
import concurrencylab.executor.GilExecutor;
import concurrencylab.executor.IsolateExecutor;
import concurrencylab.workload.GlobalValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The patterns on the simulated GIL, without it, and on isolates. */
// A guard against hangs, not a speed requirement.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SimulatedExecutorsCommandTest {

    @AfterEach
    void resetGlobal() {
        GlobalValue.reset();
    }

    @Test
    void pattern3UnderTheGilSharesTheStaticLikeThreads() {
        for (String kind : List.of("gil", "nogil")) {
            GlobalValue.set(42);
            Result result = run("pattern3", "--executor", kind);
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals(List.of("1", "2", "2", "3", "3", "3"), result.out(), kind);
        }
    }

    @Test
    void pattern3OnIsolatesSeesEachIsolatesOwnStatic() {
        GlobalValue.set(42);
        Result result = run("pattern3", "--executor", "isolate");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("0", "0", "0", "0", "0", "0"), result.out());
    }

    @Test
    void pattern1AndPattern2RunOnEveryNewKind() {
        for (String kind : List.of("gil", "NOGIL", "isolate")) {
            Result one = run("pattern1", "--executor", kind, "-x", "3", "-y", "12", "-n", "3", "--max-workers", "2");
            assertEquals(0, one.exitCode(), one.toString());
            assertEquals(List.of("1", "1", "1"), one.out().subList(0, 3), kind);
            assertTrue(one.out().get(3).matches("elapsed: \\d+\\.\\d{3} sec"), one.toString());

            Result two = run("pattern2", "--executor", kind, "-x", "100000", "-y", "77", "-n", "2");
            assertEquals(0, two.exitCode(), two.toString());
            assertEquals(List.of("77", "77"), two.out().subList(0, 2), kind);
        }
    }

    @Test
    void newKindsShareThisJvmsHeapAndMakeTheRightExecutors() {
        for (ExecutorKind kind : List.of(ExecutorKind.GIL, ExecutorKind.NOGIL, ExecutorKind.ISOLATE)) {
            assertTrue(kind.sharesHeap(), kind.name());
        }
        try (ExecutorService gil = ExecutorKind.GIL.create(2);
             ExecutorService nogil = ExecutorKind.NOGIL.create(2);
             ExecutorService isolate = ExecutorKind.ISOLATE.create(2)) {
            assertTrue(((GilExecutor) gil).gilEnabled());
            assertTrue(!((GilExecutor) nogil).gilEnabled());
            assertEquals(2, ((IsolateExecutor) isolate).isolates());
        }
    }
}
