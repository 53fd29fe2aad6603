package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against hangs, not a speed requirement.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EventLoopTest {

    private static final Duration LONG = Duration.ofHours(1); // a sleep that only cancellation ends

    private final EventLoop loop = EventLoop.start("event-loop-test");
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    /** Runs {@code action} on the loop and waits for it. */
    private <T> T onLoop(Supplier<T> action) {
        return loop.submit(action).join();
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.MINUTES));
        return e.getCause();
    }

    @Test
    void runsEverythingOnItsOneThreadInOrder() {
        for (int i = 0; i < 100; i++) {
            int n = i;
            loop.execute(() -> log.add(n + "@" + Thread.currentThread().getName()));
        }
        onLoop(() -> null);
        assertEquals(100, log.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i + "@event-loop-test", log.get(i));
        }
        assertFalse(loop.inLoop());
        assertTrue(onLoop(loop::inLoop));
    }

    @Test
    void sleepCompletesOnTheLoopWithoutAThreadPerSleeper() throws Exception {
        int threadsBefore = Thread.activeCount();
        // Dependents attached on the loop run on the loop (attached elsewhere to a future that is
        // already done, they would run on the attaching thread, as with any CompletableFuture).
        List<CompletableFuture<String>> woken = onLoop(() -> {
            List<CompletableFuture<String>> sleeps = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                sleeps.add(loop.sleep(Duration.ofMillis(20)).thenApply(v -> Thread.currentThread().getName()));
            }
            return sleeps;
        });
        assertTrue(Thread.activeCount() <= threadsBefore + 2, "threads: " + threadsBefore + " -> " + Thread.activeCount());
        for (CompletableFuture<String> f : woken) {
            assertEquals("event-loop-test", f.get(1, TimeUnit.MINUTES));
        }
    }

    @Test
    void timersFireByDeadlineAndEqualDeadlinesInTheOrderSet() {
        CompletableFuture<Void> all = loop.submit(() -> {
            List<CompletableFuture<Void>> sleeps = new ArrayList<>();
            sleeps.add(loop.sleep(Duration.ofMillis(50)).thenRun(() -> log.add("late")));
            for (int i = 0; i < 5; i++) {
                int n = i;
                sleeps.add(loop.sleep(Duration.ZERO).thenRun(() -> log.add("now " + n)));
            }
            return CompletableFuture.allOf(sleeps.toArray(CompletableFuture[]::new));
        }).thenCompose(f -> f);
        all.join();
        assertEquals(List.of("now 0", "now 1", "now 2", "now 3", "now 4", "late"), log);
    }

    @Test
    void semaphoreGrantsPermitsFirstComeFirstServed() {
        LoopSemaphore semaphore = onLoop(() -> new LoopSemaphore(loop, 1));
        List<LoopTask<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(loop.spawn(task -> semaphore.withPermit(task, () -> {
                log.add("start " + n);
                return task.await(loop.sleep(Duration.ofMillis(5))).thenApply(v -> {
                    log.add("end " + n);
                    return n;
                });
            })));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), loop.gather(tasks).join());
        assertEquals(List.of("start 0", "end 0", "start 1", "end 1", "start 2", "end 2",
                "start 3", "end 3", "start 4", "end 4"), log);
        assertEquals(1, onLoop(semaphore::availablePermits));
        assertEquals(0, onLoop(semaphore::queueLength));
    }

    @Test
    void semaphoreRefusesOtherThreadsAndNegativePermits() {
        LoopSemaphore semaphore = new LoopSemaphore(loop, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, semaphore::acquire);
        assertTrue(e.getMessage().contains("event-loop-test"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new LoopSemaphore(loop, -1));
        assertTrue(bad.getMessage().contains("-1"), bad.getMessage());
    }

    /** The article's point: cancellation surfaces at the await, cleanup runs, the permit comes back. */
    @Test
    void cancellingATaskCancelsWhatItAwaitsAndItsCleanupRuns() throws Exception {
        LoopSemaphore semaphore = onLoop(() -> new LoopSemaphore(loop, 1));
        CountDownLatch holding = new CountDownLatch(1);
        LoopTask<String> sleeper = loop.spawn(task -> semaphore.withPermit(task, () -> {
            holding.countDown();
            return task.await(loop.sleep(LONG)).thenApply(v -> "woke");
        }).whenComplete((v, e) -> log.add("cleanup: " + EventLoop.isCancellation(e)
                + " on " + Thread.currentThread().getName())));
        LoopTask<String> waiter = loop.spawn(task -> semaphore.withPermit(task, () -> CompletableFuture.completedFuture("never"))
                .whenComplete((v, e) -> log.add("waiter cleanup: " + EventLoop.isCancellation(e))));
        assertTrue(holding.await(1, TimeUnit.MINUTES));
        onLoop(() -> null); // the waiter has reached its acquire

        assertTrue(waiter.cancel(false)); // from another thread: delivered on the loop soon after
        assertTrue(waiter.isCancelled());
        onLoop(() -> null);
        assertEquals(List.of("waiter cleanup: true"), log);
        assertEquals(0, onLoop(semaphore::availablePermits)); // the waiter took none

        assertTrue(onLoop(() -> sleeper.cancel(true))); // on the loop: cleanup has run when cancel returns
        assertEquals(List.of("waiter cleanup: true", "cleanup: true on event-loop-test"), log);
        assertTrue(sleeper.isCancelled());
        assertTrue(sleeper.cancel(true)); // as CompletableFuture: true again once cancelled...
        onLoop(() -> null);
        assertEquals(2, log.size()); // ...but the cleanup does not run twice
        // Neither leaked a permit: a new task gets one at once.
        assertEquals(1, onLoop(semaphore::availablePermits));
        LoopTask<String> later = loop.spawn(task -> semaphore.withPermit(task, () -> CompletableFuture.completedFuture("got it")));
        assertEquals("got it", later.get(1, TimeUnit.MINUTES));
    }

    @Test
    void aTaskCancelledBeforeItsFirstStepNeverRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> awaitQuietly(release)); // keeps the loop busy so the task cannot start
        LoopTask<String> task = loop.spawn(self -> {
            ran.set(true);
            return CompletableFuture.completedFuture("ran");
        });
        assertTrue(task.cancel(false));
        release.countDown();
        onLoop(() -> null);
        assertFalse(ran.get());
        assertTrue(task.isCancelled());
    }

    @Test
    void aCancelThatFindsNoAwaitIsDeliveredAtTheNextAwait() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        LoopTask<String> task = loop.spawn(self -> {
            self.cancel(false); // cancelled while running, between awaits
            return self.await(loop.sleep(LONG)).handle((v, e) -> {
                seen.set(e);
                return "cleaned up";
            });
        });
        onLoop(() -> null);
        assertTrue(task.isCancelled());
        assertTrue(EventLoop.isCancellation(seen.get()), String.valueOf(seen.get()));
    }

    @Test
    void awaitBringsAForeignFutureBackToTheLoop() throws Exception {
        CompletableFuture<String> foreign = new CompletableFuture<>();
        LoopTask<String> task = loop.spawn(self -> self.await(foreign).thenApply(v -> v + " on " + Thread.currentThread().getName()));
        onLoop(() -> null);
        Thread.ofPlatform().start(() -> foreign.complete("value")).join();
        assertEquals("value on event-loop-test", task.get(1, TimeUnit.MINUTES));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> task.await(foreign));
        assertTrue(e.getMessage().contains("event loop"), e.getMessage());
    }

    @Test
    void gatherKeepsTheOrderOfItsInputs() {
        List<LoopTask<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(loop.spawn(task -> task.await(loop.sleep(Duration.ofMillis(5L * (5 - n)))).thenApply(v -> n * n)));
        }
        assertEquals(List.of(0, 1, 4, 9, 16), loop.gather(tasks).join());
        assertEquals(List.of(), loop.gather(List.<CompletableFuture<Integer>>of()).join());
    }

    @Test
    void gatherFailsWithTheFirstFailureWithoutWaitingForTheRest() {
        LoopTask<Integer> slow = loop.spawn(task -> task.await(loop.sleep(LONG)).thenApply(v -> 1));
        LoopTask<Integer> failing = loop.spawn(task -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
        Throwable cause = failureOf(loop.gather(List.of(slow, failing)));
        assertInstanceOf(IllegalStateException.class, cause);
        assertEquals("boom", cause.getMessage());
        assertFalse(slow.isDone()); // as in asyncio, the others go on
        slow.cancel(false);
    }

    @Test
    void cancellingAGatherCancelsEveryInput() {
        List<LoopTask<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            tasks.add(loop.spawn(task -> task.await(loop.sleep(LONG)).thenApply(v -> n)
                    .whenComplete((v, e) -> log.add("cancelled " + n + ": " + EventLoop.isCancellation(e)))));
        }
        CompletableFuture<List<Integer>> all = loop.gather(tasks);
        onLoop(() -> null);
        assertTrue(onLoop(() -> all.cancel(false)));
        assertTrue(all.isCancelled());
        assertTrue(tasks.stream().allMatch(CompletableFuture::isCancelled));
        assertEquals(List.of("cancelled 0: true", "cancelled 1: true", "cancelled 2: true"), log);
    }

    @Test
    void withTimeoutCancelsTheLateFutureRunsItsCleanupThenFailsWithTimeout() {
        LoopTask<Integer> late = loop.spawn(task -> task.await(loop.sleep(LONG)).thenApply(v -> 1)
                .whenComplete((v, e) -> log.add("cleanup " + EventLoop.isCancellation(e))));
        CompletableFuture<Integer> limited = loop.withTimeout(late, Duration.ofMillis(50))
                .whenComplete((v, e) -> log.add("outcome " + EventLoop.unwrap(e).getClass().getSimpleName()));
        assertInstanceOf(TimeoutException.class, failureOf(limited));
        assertTrue(late.isCancelled());
        assertEquals(List.of("cleanup true", "outcome TimeoutException"), log);
    }

    @Test
    void withTimeoutPassesOnATimelyOutcome() throws Exception {
        LoopTask<Integer> quick = loop.spawn(task -> task.await(loop.sleep(Duration.ofMillis(1))).thenApply(v -> 7));
        assertEquals(7, loop.withTimeout(quick, Duration.ofMinutes(5)).get(1, TimeUnit.MINUTES));
        LoopTask<Integer> failing = loop.spawn(task -> CompletableFuture.failedFuture(new ArithmeticException("no")));
        assertInstanceOf(ArithmeticException.class, failureOf(loop.withTimeout(failing, Duration.ofMinutes(5))));
    }

    @Test
    void aFailingCallbackDoesNotStopTheLoop() {
        Thread.UncaughtExceptionHandler quiet = (t, e) -> log.add("reported " + e.getMessage());
        loop.execute(() -> Thread.currentThread().setUncaughtExceptionHandler(quiet));
        loop.execute(() -> {
            throw new IllegalStateException("callback failed");
        });
        assertEquals("still running", onLoop(() -> "still running"));
        assertEquals(List.of("reported callback failed"), log);
    }

    @Test
    void badDurationsAreRefusedEarly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.sleep(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("PT-0.001S"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loop.withTimeout(new CompletableFuture<>(), null));
        assertThrows(IllegalArgumentException.class, () -> EventLoop.start(" "));
    }

    @Test
    void closeCancelsSleepersLetsThemCleanUpAndEndsTheThread() throws Exception {
        EventLoop own = EventLoop.start("event-loop-closing");
        LoopTask<Integer> sleeper = own.spawn(task -> task.await(own.sleep(LONG)).thenApply(v -> 1)
                .whenComplete((v, e) -> log.add("cleanup " + EventLoop.isCancellation(e))));
        own.submit(() -> null).join();
        own.close();
        assertFalse(own.thread().isAlive());
        assertTrue(own.isClosed());
        assertTrue(sleeper.isCancelled());
        assertEquals(List.of("cleanup true"), log);
        assertThrows(RejectedExecutionException.class, () -> own.execute(() -> { }));
        own.close(); // twice is fine
    }

    @Test
    void closedLoopsLeaveNoThreadsBehind() {
        for (int i = 0; i < 20; i++) {
            try (EventLoop own = EventLoop.start("event-loop-leak-check")) {
                own.sleep(LONG);
                own.submit(() -> 1).join();
            }
        }
        long left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("event-loop-leak-check")).count();
        assertEquals(0, left);
    }

    @Test
    void anInterruptedCloseInterruptsTheLoopAndKeepsTheStatus() throws Exception {
        EventLoop own = EventLoop.start("event-loop-busy");
        CountDownLatch busy = new CountDownLatch(1);
        own.execute(() -> { // a long computation that checks for interruption
            busy.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        });
        assertTrue(busy.await(1, TimeUnit.MINUTES));
        AtomicBoolean statusKept = new AtomicBoolean();
        Thread closer = Thread.ofPlatform().start(() -> {
            own.close();
            statusKept.set(Thread.currentThread().isInterrupted());
        });
        while (closer.getState() != Thread.State.WAITING) { // wait until close() is waiting in join
            Thread.sleep(1);
        }
        closer.interrupt();
        closer.join(TimeUnit.MINUTES.toMillis(1));
        assertFalse(closer.isAlive());
        assertFalse(own.thread().isAlive());
        assertTrue(statusKept.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
