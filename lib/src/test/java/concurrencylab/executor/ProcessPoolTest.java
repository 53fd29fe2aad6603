package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Results, errors and serialization on one shared pool of two workers (no test here kills or
 * blocks a worker; those are in {@link ProcessPoolFailureTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolTest {
    private final LineCollector out = new LineCollector();
    private final LineCollector err = new LineCollector();
    private ProcessPool pool;

    @BeforeAll
    void startPool() {
        pool = ProcessPool.builder().maxWorkers(2).stdout(out.stream).stderr(err.stream).build();
    }

    @AfterAll
    void closePool() {
        pool.close();
    }

    @Test
    void runsCallablesAndRunnablesInOtherJvms() throws Exception {
        long workerPid = pool.submit(new Tasks.Pid()).get(60, TimeUnit.SECONDS);
        assertTrue(workerPid != ProcessHandle.current().pid());
        assertTrue(ProcessHandle.current().descendants().anyMatch(p -> p.pid() == workerPid),
                "the worker is a child of this JVM");
        assertEquals(49L, pool.submit(new Tasks.Square(7)).get(60, TimeUnit.SECONDS));
        assertNull(pool.submit(new Tasks.SetStatic(1)).get(60, TimeUnit.SECONDS));
        assertEquals("given", pool.submit(new Tasks.SetStatic(1), "given").get(60, TimeUnit.SECONDS));
        Callable<Integer> lambda = (Callable<Integer> & Serializable) () -> 6 * 7;
        assertEquals(42, pool.submit(lambda).get(60, TimeUnit.SECONDS));
    }

    @Test
    void workersSeeTheirOwnStaticsNotTheCallers() throws Exception {
        Tasks.staticValue = 5;
        try {
            // pattern 3: a worker JVM starts fresh and has never seen the caller's assignment
            assertEquals(0, pool.submit(new Tasks.ReadStatic()).get(60, TimeUnit.SECONDS));
        } finally {
            Tasks.staticValue = 0;
        }
    }

    @Test
    void forwardsTaskOutputLineByLineWithTheWorkersName() throws Exception {
        ProcessFuture<?> f = pool.submit(new Tasks.Print("hello from a task"));
        f.get(60, TimeUnit.SECONDS);
        String name = f.workerName();
        // printed before the result was sent, so forwarded before the future completed
        assertTrue(out.lines().contains("[" + name + "] hello from a task"), out.lines().toString());
        assertTrue(err.lines().contains("[" + name + "] err:hello from a task"), err.lines().toString());
    }

    @Test
    void smallAndLargeResultsArriveWholeAfterTheOutputPrintedBeforeThem() throws Exception {
        // A waiting thread reads small frames itself and leaves large ones to the pool's reader
        // thread (FrameReader); either way the output comes first and the result is whole.
        for (int bytes : new int[] {10, FrameReader.WATCH_MAX_FRAME * 4}) {
            for (int i = 0; i < 20; i++) {
                String text = "line " + i + " before " + bytes + " bytes";
                ProcessFuture<byte[]> f = pool.submit(new Tasks.PrintThenBigResult(text, bytes));
                byte[] result = f.get(60, TimeUnit.SECONDS);
                assertEquals(bytes, result.length);
                assertEquals(7, result[bytes - 1]);
                String prefix = "[" + f.workerName() + "] ";
                // ends with: another test's task may have left half a line in this worker
                assertTrue(out.lines().stream().anyMatch(l -> l.startsWith(prefix) && l.endsWith(text)),
                        text + " in " + out.lines());
            }
        }
    }

    @Test
    void anExceptionInATaskArrivesWithTheWorkersStackTrace() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.submit(new Tasks.Throwing("boom")).get(60, TimeUnit.SECONDS));
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom", cause.getMessage());
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(s -> s.getMethodName().equals("nested")
                && s.getClassName().equals(Tasks.Throwing.class.getName())), Arrays.toString(cause.getStackTrace()));
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(s -> s.getClassName().equals(WorkerMain.class.getName())),
                "the trace is the worker's");
        assertInstanceOf(ArithmeticException.class, cause.getCause());
        assertTrue(e.getMessage().contains("worker-"), e.getMessage());
    }

    @Test
    void anExceptionThatCannotTravelBecomesARemoteTaskExceptionWithTheSameFacts() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.submit(new Tasks.ThrowingUnserializable("odd")).get(60, TimeUnit.SECONDS));
        RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertEquals(Tasks.UnserializableException.class.getName(), remote.remoteClassName());
        assertEquals("odd", remote.remoteMessage());
        assertTrue(remote.getMessage().contains(Tasks.UnserializableException.class.getName() + ": odd"));
        assertTrue(Arrays.stream(remote.getStackTrace()).anyMatch(
                s -> s.getClassName().equals(Tasks.ThrowingUnserializable.class.getName())));
    }

    @Test
    void aTaskThatCannotBeSerializedFailsAtSubmitInTheCaller() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.submit(new Tasks.HoldsThread(Thread.currentThread())));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        Callable<Integer> plainLambda = () -> 1;
        IllegalArgumentException notSerializable = assertThrows(IllegalArgumentException.class,
                () -> pool.submit(plainLambda));
        assertTrue(notSerializable.getMessage().contains("not Serializable"), notSerializable.getMessage());
        assertThrows(NullPointerException.class, () -> pool.submit((Callable<Object>) null));
    }

    @Test
    void classesOutsideTheAllowListAreRefusedByName() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.submit(new Tasks.ReturnsPrincipal()).get(60, TimeUnit.SECONDS));
        InvalidClassException refused = assertInstanceOf(InvalidClassException.class, e.getCause());
        assertTrue(refused.getMessage().contains("javax.security.auth.x500.X500Principal"), refused.getMessage());
        assertTrue(refused.getMessage().contains("allowClasses"), refused.getMessage());
    }

    @Test
    void allowClassesLetsMoreClassesThrough() throws Exception {
        try (ProcessPool allowing = ProcessPool.builder().maxWorkers(1).allowClasses("javax.security.auth.x500.*")
                .build()) {
            Object p = allowing.submit(new Tasks.ReturnsPrincipal()).get(60, TimeUnit.SECONDS);
            assertEquals(new javax.security.auth.x500.X500Principal("CN=worker"), p);
        }
    }

    @Test
    void countsTheBytesOfEachTaskAndResult() throws Exception {
        long sentBefore = pool.bytesSent();
        long receivedBefore = pool.bytesReceived();
        int[] values = new int[100_000];
        Arrays.fill(values, 3);
        ProcessFuture<Long> f = pool.submit(new Tasks.Sum(values));
        assertEquals(300_000L, f.get(60, TimeUnit.SECONDS));
        assertTrue(f.bytesSent() > 400_000, "the array travels: " + f.bytesSent());
        assertTrue(f.bytesReceived() > 0 && f.bytesReceived() < 1_000, "a Long comes back: " + f.bytesReceived());
        assertTrue(pool.bytesSent() - sentBefore >= f.bytesSent());
        assertTrue(pool.bytesReceived() - receivedBefore >= f.bytesReceived());

        List<Integer> boxed = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            boxed.add(i);
        }
        ProcessFuture<Object> g = pool.submit((Callable<Object> & Serializable) boxed::size);
        assertEquals(100_000, g.get(60, TimeUnit.SECONDS));
        assertTrue(g.bytesSent() > f.bytesSent(), "boxed integers cost more than an int[]: "
                + g.bytesSent() + " vs " + f.bytesSent());
    }

    @Test
    void eightThreadsSubmittingAThousandTasksEachGetTheirOwnResults() throws Exception {
        int threads = 8;
        int perThread = 1000;
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    List<Future<Long>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(pool.submit(new Tasks.Square(base + i)));
                    }
                    for (int i = 0; i < perThread; i++) {
                        long x = base + i;
                        assertEquals(x * x, futures.get(i).get(60, TimeUnit.SECONDS), "task " + x);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            th.start();
            submitters.add(th);
        }
        go.countDown();
        for (Thread th : submitters) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void invokeAnyReturnsASuccessAndReportsWhenAllFail() throws Exception {
        List<Callable<Object>> mixed = List.of(new Tasks.Throwing("a"), (Callable<Object> & Serializable) () -> "ok");
        assertEquals("ok", pool.invokeAny(mixed));
        assertEquals("ok", pool.invokeAny(mixed, 60, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.invokeAny(List.of(new Tasks.Throwing("x"), new Tasks.Throwing("y"))));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertThrows(IllegalArgumentException.class, () -> pool.invokeAny(List.<Callable<Object>>of()));
    }

    @Test
    void invokeAllReturnsEveryResultInOrder() throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(new Tasks.Square(i));
        }
        List<Future<Long>> results = pool.invokeAll(tasks);
        for (int i = 0; i < 10; i++) {
            assertTrue(results.get(i).isDone());
            assertEquals((long) i * i, results.get(i).get());
            assertNotNull(((ProcessFuture<Long>) results.get(i)).workerName());
        }
    }

    @Test
    void builderRejectsBadValuesWithTheAllowedRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessPool.builder().maxWorkers(0));
        assertTrue(e.getMessage().contains("between 1 and 1024, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().maxTasksPerWorker(-1));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().maxHeap("lots"));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().jvmOptions("Xmx1g"));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().allowClasses("!java.**"));
        assertThrows(IllegalArgumentException.class,
                () -> ProcessPool.builder().initializer(() -> { }).build());
    }
}
