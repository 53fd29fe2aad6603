package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against hangs, not a speed requirement.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LoopProgramsTest {

    @Test
    void tinyTasksDoAllTheWorkAcrossBatches() throws Exception {
        int n = 2 * TinyTasks.BATCH + 7;
        try (EventLoop loop = EventLoop.start()) {
            assertEquals(n, TinyTasks.onEventLoop(loop, n, 5));
            assertEquals(0, TinyTasks.onEventLoop(loop, 0, 1));
            java.util.concurrent.CompletionException e = assertThrows(java.util.concurrent.CompletionException.class,
                    () -> loop.submit(() -> {
                        try {
                            return TinyTasks.onEventLoop(loop, 1, 1); // would wait for itself
                        } catch (InterruptedException ex) {
                            throw new AssertionError(ex);
                        }
                    }).join());
            assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getMessage().contains("another thread"),
                    String.valueOf(e.getCause()));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            assertEquals(n, TinyTasks.onExecutor(pool, n));
        }
    }

    @Test
    void tinyTasksRefuseBadCounts() {
        try (EventLoop loop = EventLoop.start()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> TinyTasks.onEventLoop(loop, -1, 5))
                    .getMessage().contains("-1"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> TinyTasks.onEventLoop(loop, 1, 0))
                    .getMessage().contains("maxWorkers"));
        }
    }

    @Test
    void loopPattern1ReturnsOnesInOrder() {
        try (EventLoop loop = EventLoop.start()) {
            assertEquals(List.of(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE),
                    LoopPattern1.start(loop, 3, 8, 4, 2).join());
            assertEquals(List.of(), LoopPattern1.start(loop, 2, 0, 0, 1).join());
        }
        assertThrows(IllegalArgumentException.class, () -> LoopPattern1.check(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LoopPattern1.check(2, 1, 1, 0));
    }

    @Test
    void cancellingPattern1CancelsTheTasksThatHaveNotRun() throws Exception {
        try (EventLoop loop = EventLoop.start()) {
            java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            loop.execute(() -> {
                try {
                    hold.await(1, TimeUnit.MINUTES); // the tasks cannot start before the cancel
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            var run = LoopPattern1.start(loop, 2, 10, 3, 1);
            assertTrue(run.cancel(false));
            hold.countDown();
            loop.submit(() -> null).join();
            loop.submit(() -> null).join();
            assertTrue(run.isCancelled());
        }
    }

    @Test
    void loopSquaresWithoutATimeoutCompleteEverySquare() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (EventLoop loop = EventLoop.start()) {
            LoopSquares.Report report = new LoopSquares(loop, 2, Duration.ofMillis(100), lines::add)
                    .run(4, Duration.ofMinutes(5)).get(1, TimeUnit.MINUTES);
            assertEquals(List.of(LoopSquares.Outcome.COMPLETED, LoopSquares.Outcome.COMPLETED,
                    LoopSquares.Outcome.COMPLETED, LoopSquares.Outcome.COMPLETED), report.outcomes());
            assertEquals(List.of(0L, 1L, 4L, 9L), report.squares());
            assertEquals("[0, 1, 4, 9]", lines.get(lines.size() - 1));
        }
        try (EventLoop loop = EventLoop.start()) {
            LoopSquares squares = new LoopSquares(loop, 1, Duration.ZERO, lines::add);
            squares.run(1, Duration.ofMinutes(1)).join();
            assertThrows(IllegalStateException.class, () -> squares.run(1, Duration.ofMinutes(1)));
            assertThrows(IllegalArgumentException.class, () -> new LoopSquares(loop, 0, Duration.ZERO, lines::add));
        }
    }
}
