package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import concurrencylab.workload.GlobalValue;
import concurrencylab.workload.PickFromBufferTask;
import concurrencylab.workload.PickTask;
import concurrencylab.workload.Picking;
import concurrencylab.workload.ReadGlobalAfterSleepTask;
import concurrencylab.workload.SquaringRatioTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against hangs, not a speed requirement.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IsolateExecutorTest {

    private static final long WAIT = 60;

    @AfterEach
    void resetGlobal() {
        GlobalValue.reset();
    }

    @Test
    void patternThreeSeesEachIsolatesOwnStatic() throws Exception {
        List<Integer> seen = new ArrayList<>();
        try (IsolateExecutor isolates = IsolateExecutor.newPool(3)) {
            for (int round = 1; round <= 3; round++) {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < round; i++) {
                    futures.add(isolates.submit(new ReadGlobalAfterSleepTask(Duration.ofMillis(20))));
                }
                GlobalValue.set(round);
                for (Future<Integer> f : futures) {
                    seen.add(f.get(WAIT, TimeUnit.SECONDS));
                }
            }
        }
        assertEquals(List.of(0, 0, 0, 0, 0, 0), seen);
        assertEquals(3, GlobalValue.get(), "the caller's own static kept its value");
    }

    @Test
    void everyIsolateDefinesItsOwnClassesAndKeepsItsStatics() throws Exception {
        try (IsolateExecutor isolates = IsolateExecutor.newPool(1)) {
            String where = isolates.submit(new IsolateTasks.Loaders()).get(WAIT, TimeUnit.SECONDS);
            assertTrue(where.startsWith("isolate-") && where.endsWith(" owns GlobalValue"), where);
            assertEquals(0, isolates.submit(new IsolateTasks.SwapGlobal(7)).get(WAIT, TimeUnit.SECONDS));
            assertEquals(7, isolates.submit(new IsolateTasks.SwapGlobal(8)).get(WAIT, TimeUnit.SECONDS),
                    "the isolate's static survives from one task to the next");
        }
        assertEquals(0, GlobalValue.get(), "the caller's static never changed");
        try (IsolateExecutor two = IsolateExecutor.newPool(2)) {
            // Both tasks wait for each other, so they run at once: in two isolates, two loaders.
            ByteBuffer meeting = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            Future<String> a = two.submit(new IsolateTasks.MeetThenName(2), meeting);
            Future<String> b = two.submit(new IsolateTasks.MeetThenName(2), meeting);
            String first = a.get(WAIT, TimeUnit.SECONDS);
            String second = b.get(WAIT, TimeUnit.SECONDS);
            assertTrue(first.startsWith("isolate-") && second.startsWith("isolate-"), first + ", " + second);
            assertNotEquals(first, second);
        }
    }

    @Test
    void runsTheArticlesTasksAndLambdasAndRunnables() throws Exception {
        try (IsolateExecutor isolates = IsolateExecutor.newPool(2)) {
            assertEquals(BigInteger.ONE, isolates.submit(new SquaringRatioTask(3, 10)).get(WAIT, TimeUnit.SECONDS));
            Callable<Integer> lambda = (Callable<Integer> & Serializable) () -> 6 * 7;
            assertEquals(42, isolates.submit(lambda).get(WAIT, TimeUnit.SECONDS));
            assertEquals("done", isolates.submit(new Tasks.SetStatic(3), "done").get(WAIT, TimeUnit.SECONDS));
            assertEquals(0, Tasks.staticValue, "the task set the isolate's copy of the static");
            assertTrue(isolates.bytesSent() > 0 && isolates.bytesReceived() > 0);
        }
    }

    @Test
    void passesDataAsBytesOrThroughASharedBuffer() throws Exception {
        int n = 1_000_000;
        ByteBuffer shared = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            shared.putInt(i * 4, i);
        }
        try (IsolateExecutor isolates = IsolateExecutor.newPool(2)) {
            assertEquals(777_777, isolates.submit(new PickFromBufferTask(777_777), shared).get(WAIT, TimeUnit.SECONDS));
            long sharedBytes = isolates.bytesSent();
            assertTrue(sharedBytes < 10_000, "only the task travels: " + sharedBytes + " bytes");

            assertEquals(777_777, isolates.submit(new PickTask(Picking.range(n), 777_777)).get(WAIT, TimeUnit.SECONDS));
            assertTrue(isolates.bytesSent() - sharedBytes > 4L * n, "the copy carries the data: " + isolates.bytesSent());

            // Writes in the isolate land in the caller's buffer: the same memory, not a copy.
            assertEquals(5, isolates.submit(new IsolateTasks.Write(5, -1), shared).get(WAIT, TimeUnit.SECONDS));
            assertEquals(-1, shared.getInt(5 * 4));
            assertEquals(0, shared.position(), "the task moved its own view, not the caller's buffer");
        }
        var tooFar = assertThrows(ExecutionException.class, () -> {
            try (IsolateExecutor isolates = IsolateExecutor.newPool(1)) {
                isolates.submit(new PickFromBufferTask(n), shared).get(WAIT, TimeUnit.SECONDS);
            }
        });
        assertInstanceOf(IllegalArgumentException.class, tooFar.getCause());
    }

    @Test
    void failuresComeBackAsTheCallersExceptions() throws Exception {
        try (IsolateExecutor isolates = IsolateExecutor.newPool(1)) {
            var e = assertThrows(ExecutionException.class,
                    () -> isolates.submit(new Tasks.Throwing("boom")).get(WAIT, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("boom", e.getCause().getMessage());
            assertInstanceOf(ArithmeticException.class, e.getCause().getCause());

            var odd = assertThrows(ExecutionException.class,
                    () -> isolates.submit(new Tasks.ThrowingUnserializable("odd")).get(WAIT, TimeUnit.SECONDS));
            RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, odd.getCause());
            assertTrue(remote.remoteClassName().endsWith("UnserializableException"), remote.getMessage());

            Callable<Integer> notSerializable = () -> 1;
            var refused = assertThrows(IllegalArgumentException.class, () -> isolates.submit(notSerializable));
            assertTrue(refused.getMessage().contains("not Serializable"), refused.getMessage());
            var heldThread = assertThrows(IllegalArgumentException.class,
                    () -> isolates.submit(new Tasks.HoldsThread(Thread.currentThread())));
            assertTrue(heldThread.getMessage().contains("java.lang.Thread"), heldThread.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> IsolateExecutor.newPool(0));
    }

    @Test
    void cancellationAndShutdownNowInterruptTheIsolate() throws Exception {
        ByteBuffer signal = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        IsolateExecutor isolates = IsolateExecutor.newPool(1);
        Future<String> first = isolates.submit(new IsolateTasks.SignalThenSleep(), signal);
        while ((int) IsolateTasks.INTS.getVolatile(signal, 0) != 1) {
            Thread.sleep(1);
        }
        assertTrue(first.cancel(true));
        assertThrows(CancellationException.class, first::get);
        assertEquals(BigInteger.ONE, isolates.submit(new SquaringRatioTask(2, 5)).get(WAIT, TimeUnit.SECONDS));

        IsolateTasks.INTS.setVolatile(signal, 0, 0);
        Future<String> second = isolates.submit(new IsolateTasks.SignalThenSleep(), signal);
        Future<Integer> queued = isolates.submit(new IsolateTasks.SwapGlobal(1));
        while ((int) IsolateTasks.INTS.getVolatile(signal, 0) != 1) {
            Thread.sleep(1);
        }
        assertEquals(List.of(queued), isolates.shutdownNow());
        assertTrue(isolates.awaitTermination(WAIT, TimeUnit.SECONDS));
        assertEquals("interrupted", second.get());
        assertFalse(queued.isDone());
    }

    @Test
    void closingLeavesNoThreadBehind() throws Exception {
        Set<String> names = new HashSet<>();
        IsolateExecutor isolates = IsolateExecutor.newPool(3);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(isolates.submit(new IsolateTasks.ThreadName()));
        }
        for (Future<String> f : futures) {
            names.add(f.get(WAIT, TimeUnit.SECONDS));
        }
        assertTrue(names.stream().allMatch(n -> n.startsWith("isolate-")), names.toString());
        isolates.close();
        assertTrue(isolates.isTerminated());
        // A terminated pool's threads may still be on their way out: wait for them, within the test's timeout.
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> names.contains(t.getName()))) {
            Thread.sleep(10);
        }
    }
}
