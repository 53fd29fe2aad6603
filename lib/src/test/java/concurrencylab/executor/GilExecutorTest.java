package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import concurrencylab.workload.Squaring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Timeouts guard against hangs (a GIL that never changes hands would hang), not speed.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GilExecutorTest {

    private static final long WAIT = 60;

    @Test
    void neverTwoTasksInsideTheGilAtOnce() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // A short interval makes the GIL change hands often: many chances for a broken lock to show.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT / 2);
        try (GilExecutor pool = GilExecutor.builder().workers(3).switchInterval(Duration.ofNanos(1_000)).build()) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(pool.submit(() -> {
                    long sum = 0;
                    // Until the GIL has changed hands a few times: on a busy machine one task could
                    // otherwise finish a fixed amount of work before the other threads even start.
                    for (int i = 0; i < 20_000 || (pool.forcedSwitches() < 20 && System.nanoTime() < deadline); i++) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        for (int k = 0; k < 50; k++) {
                            sum += k * i;
                        }
                        inside.decrementAndGet();
                        Gil.checkpoint();
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : futures) {
                f.get(WAIT, TimeUnit.SECONDS);
            }
            assertTrue(pool.forcedSwitches() >= 20, "the GIL changed hands at checkpoints: " + pool.forcedSwitches());
        }
        assertEquals(1, most.get(), "tasks holding the GIL at once");
    }

    @Test
    void twoCpuTasksTakeTurnsAtCheckpoints() throws Exception {
        // Each task may go on only when the shared turn is its own, and never blocks: without
        // hand-offs at checkpoints, the first task would spin forever holding the GIL.
        int turns = 20;
        AtomicInteger turn = new AtomicInteger();
        try (GilExecutor pool = GilExecutor.enabled(2)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int me = 0; me < 2; me++) {
                int parity = me;
                futures.add(pool.submit(() -> {
                    int mine = 0;
                    while (true) {
                        int t = turn.get();
                        if (t >= turns) {
                            return mine;
                        }
                        if (t % 2 == parity) {
                            turn.incrementAndGet();
                            mine++;
                        }
                        Gil.checkpoint();
                    }
                }));
            }
            assertEquals(turns / 2, futures.get(0).get(WAIT, TimeUnit.SECONDS));
            assertEquals(turns / 2, futures.get(1).get(WAIT, TimeUnit.SECONDS));
            assertTrue(pool.forcedSwitches() >= turns - 1, "forced switches: " + pool.forcedSwitches());
        }
    }

    @Test
    void squaringGivesTheGilUpBetweenSquarings() throws Exception {
        try (GilExecutor pool = GilExecutor.enabled(2)) {
            Gil gil = pool.gil();
            CountDownLatch firstHolds = new CountDownLatch(1);
            AtomicBoolean secondRan = new AtomicBoolean();
            Future<Boolean> first = pool.submit(() -> {
                firstHolds.countDown();
                while (!gil.isDropRequested()) {
                    Thread.onSpinWait(); // no checkpoint: keep the GIL until the second task asks for it
                }
                BigInteger power = Squaring.power(2, 3); // its first checkpoint hands the GIL over
                return power.equals(BigInteger.valueOf(256)) && secondRan.get();
            });
            firstHolds.await();
            Future<?> second = pool.submit(() -> secondRan.set(true));
            assertTrue(first.get(WAIT, TimeUnit.SECONDS), "the second task ran during the squarings");
            second.get(WAIT, TimeUnit.SECONDS);
        }
    }

    @Test
    void blockingCallsReleaseTheGil() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        try (GilExecutor pool = GilExecutor.enabled(2)) {
            Future<List<Boolean>> waiter = pool.submit(() -> {
                boolean before = Gil.isHeld();
                boolean during = Gil.blocking(() -> {
                    // Would deadlock if the GIL were still held: the other task needs it to count down.
                    if (!released.await(WAIT, TimeUnit.SECONDS)) {
                        throw new AssertionError("the other task never ran");
                    }
                    return Gil.isHeld();
                });
                return List.of(before, during, Gil.isHeld());
            });
            Future<?> releaser = pool.submit(() -> {
                Gil.blocking(() -> Thread.sleep(1)); // the void form, and the GIL comes back after it
                if (!Gil.isHeld()) {
                    throw new AssertionError("GIL not taken back after a blocking call");
                }
                released.countDown();
                return null;
            });
            releaser.get(WAIT, TimeUnit.SECONDS);
            assertEquals(List.of(true, false, true), waiter.get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void disabledRunsTasksAtTheSameTimeAndCheckpointsDoNothing() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        try (GilExecutor pool = GilExecutor.disabled(2)) {
            assertFalse(pool.gilEnabled());
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    Gil.checkpoint();
                    bothRunning.countDown();
                    // Not Gil.blocking: with a GIL this would deadlock; without one both tasks get here.
                    return bothRunning.await(WAIT, TimeUnit.SECONDS) && !Gil.isHeld();
                }));
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get(WAIT, TimeUnit.SECONDS));
            }
            assertEquals(0, pool.forcedSwitches());
        }
        Gil.checkpoint(); // outside any pool: nothing happens
        assertFalse(Gil.isHeld());
        assertEquals(7, Gil.blocking(() -> 7));
    }

    @Test
    void anInterruptThatArrivesWithTheReleaseStillEndsTheWait() throws Exception {
        // The waiter is woken by the interrupt and by the release at nearly the same moment;
        // whichever it notices first, it must not take the GIL (a cancelled task would run).
        Gil gil = new Gil(Gil.DEFAULT_SWITCH_INTERVAL);
        for (int round = 0; round < 300; round++) {
            gil.acquire();
            AtomicBoolean took = new AtomicBoolean();
            AtomicBoolean interrupted = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    gil.acquire();
                    took.set(true);
                    gil.release();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            waiter.start();
            while (gil.waiters() == 0) {
                Thread.onSpinWait();
            }
            waiter.interrupt();
            gil.release();
            waiter.join();
            assertFalse(took.get(), "round " + round + ": the interrupted waiter took the GIL");
            assertTrue(interrupted.get(), "round " + round);
        }
    }

    @Test
    void aTaskWaitingForTheGilCanBeCancelledAndNeverRuns() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean cancelledOneRan = new AtomicBoolean();
        CountDownLatch hogHolds = new CountDownLatch(1);
        try (GilExecutor pool = GilExecutor.enabled(2)) {
            Future<?> hog = pool.submit(() -> {
                hogHolds.countDown();
                while (!stop.get()) {
                    Thread.onSpinWait(); // no checkpoint: nobody else gets the GIL
                }
            });
            hogHolds.await();
            Future<?> waiting = pool.submit(() -> cancelledOneRan.set(true));
            assertTrue(waiting.cancel(true));
            stop.set(true);
            hog.get(WAIT, TimeUnit.SECONDS);
            assertEquals("after", pool.submit(() -> "after").get(WAIT, TimeUnit.SECONDS));
            assertThrows(CancellationException.class, waiting::get);
        }
        assertFalse(cancelledOneRan.get());
    }

    @Test
    void shutdownNowInterruptsTheHolderAndTheWaiters() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        GilExecutor pool = GilExecutor.enabled(2);
        Future<String> holder = pool.submit(() -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Gil.checkpoint();
            }
            return "interrupted";
        });
        started.await();
        Future<String> waiter = pool.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Gil.checkpoint();
            }
            return "interrupted";
        });
        Future<String> queued = pool.submit(() -> "never");
        List<Runnable> neverStarted = pool.shutdownNow();
        assertTrue(pool.awaitTermination(WAIT, TimeUnit.SECONDS));
        assertEquals("interrupted", holder.get());
        // The waiter either was interrupted while waiting for the GIL or ran and saw the interrupt.
        try {
            assertEquals("interrupted", waiter.get());
        } catch (ExecutionException e) {
            assertInstanceOf(InterruptedException.class, e.getCause());
        }
        assertEquals(List.of(queued), neverStarted);
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> pool.submit(() -> 1));
    }

    @Test
    void plainCommandsRunHoldingTheGil() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        try (GilExecutor pool = GilExecutor.enabled(1)) {
            pool.execute(() -> {
                held.set(Gil.isHeld());
                done.countDown();
            });
            assertTrue(done.await(WAIT, TimeUnit.SECONDS));
        }
        assertTrue(held.get());
    }

    @Test
    void closingLeavesNoThreadBehind() throws Exception {
        GilExecutor on = GilExecutor.enabled(3);
        GilExecutor off = GilExecutor.disabled(3);
        List<Thread> workers = new ArrayList<>();
        for (GilExecutor pool : List.of(on, off)) {
            List<Future<Thread>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> Gil.blocking(() -> {
                    Thread.sleep(5);
                    return Thread.currentThread();
                })));
            }
            for (Future<Thread> f : futures) {
                workers.add(f.get(WAIT, TimeUnit.SECONDS));
            }
            pool.close();
            assertTrue(pool.isTerminated());
        }
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT));
            assertFalse(t.isAlive(), t.getName());
        }
        assertTrue(workers.stream().anyMatch(t -> t.getName().startsWith("gil-")));
        assertTrue(workers.stream().anyMatch(t -> t.getName().startsWith("nogil-")));
    }

    @Test
    void refusesBadSettingsWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GilExecutor.enabled(0))
                .getMessage().contains("at least 1, got 0"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> GilExecutor.builder().switchInterval(Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("PT1M") && e.getMessage().contains("PT10S"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GilExecutor.builder().switchInterval(Duration.ZERO));
    }
}
