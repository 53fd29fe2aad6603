package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against hangs, not a speed requirement.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SemaphoreSquaresTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void squaresAndSaysSo() throws InterruptedException {
        Semaphore semaphore = new Semaphore(2);
        var squares = new SemaphoreSquares(semaphore, Duration.ofMillis(1), out);
        assertEquals(49, squares.square(7));
        assertEquals(List.of("Calculating square of 7", "Calculated square of 7"), lines());
        assertEquals(2, semaphore.availablePermits());
    }

    @Test
    void cancelledWhileWorkingReleasesThePermit() throws Exception {
        Semaphore semaphore = new Semaphore(1);
        var squares = new SemaphoreSquares(semaphore, Duration.ofHours(1), out);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Long> future = pool.submit(() -> squares.square(6));
            // Working means the permit is taken.
            while (semaphore.availablePermits() != 0) {
                Thread.onSpinWait();
            }
            future.cancel(true);
            assertThrows(CancellationException.class, future::get);
        }
        // close() waited for the task, so its finally block has run.
        assertEquals(1, semaphore.availablePermits());
        assertEquals(List.of("Calculating square of 6", "Cancelled square of 6"), lines());
    }

    @Test
    void cancelledWhileWaitingTakesNoPermitAndReleasesNone() throws Exception {
        Semaphore semaphore = new Semaphore(0);
        var squares = new SemaphoreSquares(semaphore, Duration.ZERO, out);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Long> future = pool.submit(() -> squares.square(8));
            while (!semaphore.hasQueuedThreads()) {
                Thread.onSpinWait();
            }
            future.cancel(true);
        }
        assertEquals(0, semaphore.availablePermits(), "a permit it never took must not be released");
        assertEquals(List.of("Cancelled square of 8"), lines());
    }

    @Test
    void aTimedOutBatchEndsEachSquareCleanly() throws Exception {
        // The article's demo, scaled down: 10 squares, 2 at a time, a timeout for the batch.
        // Which squares finish depends on scheduling, so only what must hold is asserted.
        Semaphore semaphore = new Semaphore(2);
        var squares = new SemaphoreSquares(semaphore, Duration.ofMillis(100), out);
        List<Callable<Long>> tasks = IntStream.range(0, 10)
                .<Callable<Long>>mapToObj(i -> () -> squares.square(i)).toList();
        List<Future<Long>> futures;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            futures = pool.invokeAll(tasks, 350, TimeUnit.MILLISECONDS);
        }
        assertEquals(2, semaphore.availablePermits(), "every permit taken was released");
        List<String> lines = lines();
        for (int i = 0; i < 10; i++) {
            Future<Long> f = futures.get(i);
            if (f.state() == Future.State.SUCCESS) {
                assertEquals((long) i * i, f.resultNow());
                assertTrue(lines.contains("Calculated square of " + i), lines.toString());
            } else {
                assertEquals(Future.State.CANCELLED, f.state());
                assertFalse(lines.contains("Calculated square of " + i), lines.toString());
                if (lines.contains("Calculating square of " + i)) {
                    assertTrue(lines.contains("Cancelled square of " + i), lines.toString());
                }
            }
        }
    }

    @Test
    void aTimeoutReportsWhatWasCalculatingWhenTheTimeRanOut() throws InterruptedException {
        // The article's program and timings: steps of 1 s, the timeout at 3.5 s, half a step from any step's end.
        var squares = new SemaphoreSquares(new Semaphore(2, true), Duration.ofSeconds(1), out);
        SemaphoreSquares.Outcome outcome;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            outcome = squares.runWithTimeout(pool, 10, Duration.ofMillis(3500));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), outcome.completed());
        assertEquals(List.of(6, 7), outcome.cancelledWhileCalculating());
        assertEquals(List.of(8, 9), outcome.cancelledBeforeStarting());
        assertTrue(lines().contains("Cancelled square of 9"), lines().toString());
    }

    @Test
    void aTimeoutRefusesBadArguments() {
        var squares = new SemaphoreSquares(new Semaphore(2), Duration.ZERO, out);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThrows(IllegalArgumentException.class, () -> squares.runWithTimeout(pool, -1, Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> squares.runWithTimeout(pool, 1, Duration.ofMillis(-1)));
        }
    }
}
