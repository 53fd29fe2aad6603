package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workers that die, tasks that are stopped, pools that shut down: what the caller sees, and that
 * no worker JVM is left running. Waits use latches (lines the tasks print) and generous
 * timeouts; nothing here asserts a duration.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolFailureTest {
    private static final long WAIT = 60;

    private static long pidOf(String markerLine) {
        return Long.parseLong(markerLine.substring(markerLine.indexOf("pid=") + 4).trim());
    }

    static void assertExits(long pid) throws Exception {
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(WAIT, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("process " + pid + " is still running", e);
            }
        });
        assertFalse(ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid && p.isAlive()),
                "worker " + pid + " is gone");
    }

    @Test
    void aWorkerThatHaltsFailsItsTaskWithTheExitStatusAndIsReplaced() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            long before = pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit(new Tasks.Halt(7)).get(WAIT, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(7, died.exitStatus());
            assertEquals(before, died.pid());
            assertTrue(died.getMessage().contains("worker-1 (pid " + before + ") died (exit status 7"), died.getMessage());
            long after = pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS);
            assertNotEquals(before, after, "a new worker replaced the dead one");
        }
    }

    @Test
    void aWorkerKilledFromOutsideFailsItsTaskAndThePoolGoesOn() throws Exception {
        LineCollector out = new LineCollector();
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).stdout(out.stream).build()) {
            Future<String> sleeping = pool.submit(new Tasks.SleepUntilInterrupted("sleeping"));
            long pid = pidOf(out.await(l -> l.contains("sleeping pid="), WAIT));
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
            ExecutionException e = assertThrows(ExecutionException.class, () -> sleeping.get(WAIT, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(137, died.exitStatus());
            assertTrue(died.getMessage().contains("SIGKILL"), died.getMessage());
            assertEquals(49L, pool.submit(new Tasks.Square(7)).get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWorkerOutOfMemoryDiesWithStatus3AndSaysWhy() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).maxHeap("64m")
                .stderr(new LineCollector().stream).build()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit(new Tasks.Hog()).get(WAIT, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(3, died.exitStatus());
            assertTrue(died.getMessage().contains("OutOfMemoryError"), died.getMessage());
            assertEquals(4L, pool.submit(new Tasks.Square(2)).get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancelTrueInterruptsTheRunningTaskAndTheWorkerStays() throws Exception {
        LineCollector out = new LineCollector();
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).stdout(out.stream).build()) {
            Future<String> sleeping = pool.submit(new Tasks.SleepUntilInterrupted("cancel-me"));
            long pid = pidOf(out.await(l -> l.contains("cancel-me pid="), WAIT));
            assertTrue(sleeping.cancel(true));
            assertThrows(CancellationException.class, sleeping::get);
            // one worker: this runs only after the interrupted task has really stopped
            assertEquals(pid, pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void interruptsReachLongTasksRunOneAfterAnotherInTheSameWorker() throws Exception {
        LineCollector out = new LineCollector();
        // Were an interrupt not read while its task runs, the worker would be killed after the grace
        // period and the next task would time out or run in another JVM.
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).stdout(out.stream)
                .interruptGrace(Duration.ofSeconds(WAIT)).build()) {
            long pid = pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS);
            for (String marker : List.of("first", "second", "third")) {
                Future<String> sleeping = pool.submit(new Tasks.SleepUntilInterrupted(marker));
                assertEquals(pid, pidOf(out.await(l -> l.contains(marker + " pid="), WAIT)));
                assertTrue(sleeping.cancel(true));
                // the next task runs only once the sleeper has stopped, and in the same JVM
                assertEquals(pid, pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aTaskIgnoringTheInterruptIsKilledWithItsWorkerAfterTheGracePeriod() throws Exception {
        LineCollector out = new LineCollector();
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).stdout(out.stream)
                .interruptGrace(Duration.ofMillis(500)).build()) {
            Future<String> stubborn = pool.submit(new Tasks.IgnoreInterrupts("stubborn"));
            long pid = pidOf(out.await(l -> l.contains("stubborn pid="), WAIT));
            assertTrue(stubborn.cancel(true));
            long next = pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS);
            assertNotEquals(pid, next, "the stubborn worker was replaced");
            assertExits(pid);
        }
    }

    @Test
    void cancelOfAQueuedTaskRemovesItFromTheQueue() throws Exception {
        LineCollector out = new LineCollector();
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).stdout(out.stream).build()) {
            Future<String> sleeping = pool.submit(new Tasks.SleepUntilInterrupted("busy"));
            Future<Long> queued = pool.submit(new Tasks.Square(3));
            out.await(l -> l.contains("busy pid="), WAIT);
            assertTrue(queued.cancel(false));
            assertTrue(sleeping.cancel(true));
            assertEquals(16L, pool.submit(new Tasks.Square(4)).get(WAIT, TimeUnit.SECONDS));
            assertTrue(queued.isCancelled());
            assertEquals(0, ((ProcessFuture<Long>) queued).bytesReceived(), "it never ran");
        }
    }

    @Test
    void invokeAllWithATimeoutCancelsAndStopsWhatIsUnfinished() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(2).stdout(new LineCollector().stream).build()) {
            List<Callable<Object>> serializable = new ArrayList<>();
            serializable.add(asObject(new Tasks.Square(5)));
            serializable.add(asObject(new Tasks.SleepUntilInterrupted("a")));
            serializable.add(asObject(new Tasks.SleepUntilInterrupted("b")));
            List<Future<Object>> results = pool.invokeAll(serializable, 2, TimeUnit.SECONDS);
            assertTrue(results.get(1).isCancelled());
            assertTrue(results.get(2).isCancelled());
            // both workers are free again: were the sleepers still running, these would wait ten minutes
            assertEquals(1L, pool.submit(new Tasks.Square(1)).get(WAIT, TimeUnit.SECONDS));
            List<Long> pids = pool.workerPids();
            pool.close();
            for (long pid : pids) {
                assertExits(pid);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Callable<Object> asObject(Callable<?> c) {
        return (Callable<Object>) c;
    }

    @Test
    void shutdownNowInterruptsRunningTasksReturnsQueuedOnesAndEndsTheWorkers() throws Exception {
        LineCollector out = new LineCollector();
        ProcessPool pool = ProcessPool.builder().maxWorkers(1).stdout(out.stream).build();
        Future<String> running = pool.submit(new Tasks.SleepUntilInterrupted("running"));
        Future<Long> queued = pool.submit(new Tasks.Square(9));
        long pid = pidOf(out.await(l -> l.contains("running pid="), WAIT));
        List<Runnable> never = pool.shutdownNow();
        assertEquals(List.of(queued), never);
        assertTrue(pool.awaitTermination(WAIT, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertExits(pid);
        assertThrows(RejectedExecutionException.class, () -> pool.submit(new Tasks.Square(1)));
        never.get(0).run(); // a returned task can still be run, here, in this thread
        assertEquals(81L, queued.get());
    }

    @Test
    void closeWaitsForTasksAndInterruptingItStopsThemAndTheWorkers() throws Exception {
        LineCollector out = new LineCollector();
        ProcessPool pool = ProcessPool.builder().maxWorkers(2).stdout(out.stream).build();
        Future<String> sleeping = pool.submit(new Tasks.SleepUntilInterrupted("closing"));
        long pid = pidOf(out.await(l -> l.contains("closing pid="), WAIT));
        AtomicReference<Boolean> interruptedAfterClose = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            pool.close();
            interruptedAfterClose.set(Thread.currentThread().isInterrupted());
        });
        closer.start();
        while (!pool.isShutdown()) {
            Thread.sleep(10);
        }
        closer.interrupt(); // a notebook's stop button
        closer.join(TimeUnit.SECONDS.toMillis(WAIT));
        assertFalse(closer.isAlive());
        assertTrue(interruptedAfterClose.get(), "close() restores the interrupt status");
        assertTrue(pool.isTerminated());
        assertThrows(ExecutionException.class, () -> sleeping.get(WAIT, TimeUnit.SECONDS));
        assertExits(pid);
    }

    @Test
    void interruptingTheSubmittingThreadLeavesNoWorkerBehind() throws Exception {
        LineCollector out = new LineCollector();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AtomicReference<List<Long>> pids = new AtomicReference<>();
        Thread submitter = new Thread(() -> {
            try (ProcessPool pool = ProcessPool.builder().maxWorkers(2).stdout(out.stream).build()) {
                pids.set(pool.workerPids());
                pool.invokeAll(List.of(new Tasks.SleepUntilInterrupted("s1"), new Tasks.SleepUntilInterrupted("s2")));
            } catch (Throwable t) {
                seen.set(t);
            }
        });
        submitter.start();
        long pid1 = pidOf(out.await(l -> l.contains("s1 pid="), WAIT));
        long pid2 = pidOf(out.await(l -> l.contains("s2 pid="), WAIT));
        submitter.interrupt();
        submitter.join(TimeUnit.SECONDS.toMillis(WAIT));
        assertFalse(submitter.isAlive());
        assertInstanceOf(InterruptedException.class, seen.get());
        assertExits(pid1);
        assertExits(pid2);
    }

    @Test
    void aTaskClassTheWorkerCannotLoadFailsWithTheRule() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            Callable<?> generated = GeneratedTasks.inMemoryOnly();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit(generated).get(WAIT, TimeUnit.SECONDS));
            TaskNotLoadableException notLoadable = assertInstanceOf(TaskNotLoadableException.class, e.getCause());
            assertEquals(generated.getClass().getName(), notLoadable.className());
            assertTrue(notLoadable.getMessage().contains("notebook cell"), notLoadable.getMessage());
            assertTrue(notLoadable.getMessage().contains("class path"), notLoadable.getMessage());
            // the worker survives a task it could not load
            assertEquals(9L, pool.submit(new Tasks.Square(3)).get(WAIT, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTaskClassFromAFolderTheWorkersWereNotStartedWithIsSentToThem() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            assertEquals(1L, pool.submit(new Tasks.Square(1)).get(WAIT, TimeUnit.SECONDS)); // worker already up
            GeneratedTasks.InFolder fromFolder = GeneratedTasks.fromNewFolder();
            try {
                assertEquals("generated:" + fromFolder.task().getClass().getName(),
                        pool.submit(fromFolder.task()).get(WAIT, TimeUnit.SECONDS));
            } finally {
                fromFolder.delete();
            }
        }
    }

    @Test
    void theInitializerRunsOnceInEachWorkerBeforeItsTasks() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(2).initializer(new Tasks.SetStatic(42)).build()) {
            List<Callable<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                reads.add(new Tasks.ReadStatic());
            }
            for (Future<Integer> f : pool.invokeAll(reads)) {
                assertEquals(42, f.get());
            }
        }
    }

    @Test
    void aFailingInitializerBreaksThePool() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).initializer(new Tasks.FailingInitializer()).build()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit(new Tasks.Square(2)).get(WAIT, TimeUnit.SECONDS));
            WorkerStartException start = assertInstanceOf(WorkerStartException.class, e.getCause());
            assertTrue(start.getMessage().contains("initializer refuses"), start.getMessage());
            RejectedExecutionException rejected = assertThrows(RejectedExecutionException.class,
                    () -> pool.submit(new Tasks.Square(2)));
            assertTrue(rejected.getMessage().contains("broken"), rejected.getMessage());
        }
    }

    @Test
    void aWorkerJvmThatCannotStartBreaksThePoolWithTheJvmsMessage() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).jvmOptions("-XX:+NoSuchOptionAnywhere")
                .stderr(new LineCollector().stream).build()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit(new Tasks.Square(2)).get(WAIT, TimeUnit.SECONDS));
            WorkerStartException start = assertInstanceOf(WorkerStartException.class, e.getCause());
            assertTrue(start.getMessage().contains("NoSuchOptionAnywhere"), start.getMessage());
        }
    }

    @Test
    void maxTasksPerWorkerReplacesWorkers() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(1).maxTasksPerWorker(2).build()) {
            long a = pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS);
            long b = pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS);
            long c = pool.submit(new Tasks.Pid()).get(WAIT, TimeUnit.SECONDS);
            assertEquals(a, b);
            assertNotEquals(b, c);
            assertExits(a);
        }
    }

    @Test
    void workersStartOnDemandOrEagerly() throws Exception {
        try (ProcessPool lazy = ProcessPool.newPool(2)) {
            assertEquals(List.of(), lazy.workerPids(), "no task, no worker");
            lazy.submit(new Tasks.Square(1)).get(WAIT, TimeUnit.SECONDS);
            assertEquals(1, lazy.workerPids().size(), "one task, one idle worker reused");
            lazy.submit(new Tasks.Square(1)).get(WAIT, TimeUnit.SECONDS);
            assertEquals(1, lazy.workerPids().size());
        }
        List<Long> eagerPids;
        try (ProcessPool eager = ProcessPool.builder().maxWorkers(2).startEagerly(true).build()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
            while (eager.workerPids().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            eagerPids = eager.workerPids();
            assertEquals(2, eagerPids.size());
        }
        for (long pid : eagerPids) {
            assertExits(pid);
        }
    }
}
