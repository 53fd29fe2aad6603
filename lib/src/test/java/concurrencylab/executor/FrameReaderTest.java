package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader role of {@link FrameReader}: a watching thread reads whole small frames itself and
 * never blocks; everything else is left to the background reader; order holds either way.
 * Frames travel through an in-process pipe whose {@code available()} behaves like a real one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameReaderTest {
    private static final long FAR = TimeUnit.MINUTES.toNanos(10);

    private final Pipe fromWorker = new Pipe();
    /** Each dispatched frame's task id, and the thread that dispatched it. */
    private final List<Long> ids = new CopyOnWriteArrayList<>();
    private final List<Thread> dispatchers = new CopyOnWriteArrayList<>();
    private volatile Consumer<Frames.Frame> alsoOnDispatch = f -> {};
    private final CompletableFuture<FrameReader> reader = new CompletableFuture<>();
    /** How the background reader ended: null at a clean end, else what it threw. */
    private final CompletableFuture<Throwable> backgroundEnd = new CompletableFuture<>();
    private Thread background;

    /**
     * An in-memory pipe: reads block until bytes arrive or it is closed, {@code available()}
     * counts what has arrived. (PipedInputStream ties itself to the threads that used it last,
     * which the threads of these tests outlive.)
     */
    private static final class Pipe extends java.io.InputStream {
        private final java.util.ArrayDeque<Byte> bytes = new java.util.ArrayDeque<>();
        private boolean closed;

        synchronized void write(byte[] b) {
            for (byte x : b) {
                bytes.addLast(x);
            }
            notifyAll();
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }

        @Override
        public synchronized int read() throws IOException {
            while (bytes.isEmpty() && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            return bytes.isEmpty() ? -1 : bytes.removeFirst() & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            b[off] = (byte) first;
            int n = 1;
            while (n < len && !bytes.isEmpty()) {
                b[off + n++] = bytes.removeFirst();
            }
            return n;
        }

        @Override
        public synchronized int available() {
            return bytes.size();
        }
    }

    private FrameReader startBackgroundReader(long quietNanos) throws Exception {
        background = new Thread(() -> {
            FrameReader r = new FrameReader(fromWorker, f -> {
                ids.add(f.taskId());
                dispatchers.add(Thread.currentThread());
                alsoOnDispatch.accept(f);
            }, quietNanos);
            reader.complete(r);
            try {
                r.readUntilEnd();
                backgroundEnd.complete(null);
            } catch (Throwable t) {
                backgroundEnd.complete(t);
            }
        }, "background-reader");
        background.setDaemon(true);
        background.start();
        return reader.get();
    }

    /**
     * A reader whose background thread has read frame 0 while this thread waited for it, and so
     * stays out of its blocking read for ten minutes: from here on, a watcher gets the role.
     */
    private FrameReader quietReader() throws Exception {
        FrameReader r = startBackgroundReader(FAR);
        while (r.roleHolder() != background) {
            Thread.sleep(1); // until the background reader is in its read
        }
        Thread sender = new Thread(() -> {
            try {
                while (!r.keepsBackgroundOut()) {
                    Thread.sleep(1); // until the watcher below has asked
                }
                send(frame(Frames.VALUE, 0, 1));
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        sender.start();
        r.watch(() -> got(0), System.nanoTime() + FAR);
        sender.join();
        assertEquals(List.of(0L), ids);
        assertSame(background, dispatchers.get(0));
        return r;
    }

    @AfterEach
    void endThePipe() {
        fromWorker.close();
    }

    private static byte[] frame(byte type, long taskId, int payloadBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Frames.write(out, type, taskId, new byte[payloadBytes], 0, payloadBytes);
        out.flush();
        return bytes.toByteArray();
    }

    private void send(byte[] bytes) {
        fromWorker.write(bytes);
    }

    private boolean got(long id) {
        return ids.contains(id);
    }

    /** Waits until frame {@code id} has been dispatched, by whichever thread. */
    private void awaitDispatched(long id) throws InterruptedException {
        while (!got(id)) {
            Thread.sleep(1);
        }
    }

    @Test
    void aWatcherReadsWholeFramesItselfInOrder() throws Exception {
        FrameReader r = quietReader();
        send(frame(Frames.OUT, 1, 10));
        send(frame(Frames.VALUE, 2, 5));

        r.watch(() -> got(2), System.nanoTime() + FAR);

        assertEquals(List.of(0L, 1L, 2L), ids);
        assertSame(Thread.currentThread(), dispatchers.get(1), "the output was read by the waiting thread");
        assertSame(Thread.currentThread(), dispatchers.get(2), "the result was read by the waiting thread");
    }

    @Test
    void aWatcherNeverBlocksOnAPartialFrameAndTheBackgroundReaderFinishesIt() throws Exception {
        FrameReader r = quietReader();
        byte[] whole = frame(Frames.VALUE, 7, 100);
        send(java.util.Arrays.copyOf(whole, 40));

        r.watch(() -> got(7), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
        assertEquals(List.of(0L), ids, "half a frame must not be dispatched");

        send(java.util.Arrays.copyOfRange(whole, 40, whole.length));
        awaitDispatched(7);
        assertSame(background, dispatchers.get(1), "the watcher that gave up woke the background reader");
    }

    @Test
    void framesTooLargeForAWatcherAreLeftToTheBackgroundReader() throws Exception {
        FrameReader r = quietReader();
        send(frame(Frames.OUT, 1, 10));
        send(frame(Frames.ERR, 2, FrameReader.WATCH_MAX_FRAME));

        r.watch(() -> got(2), System.nanoTime() + FAR);

        assertEquals(List.of(0L, 1L, 2L), ids);
        assertSame(Thread.currentThread(), dispatchers.get(1));
        assertSame(background, dispatchers.get(2));
    }

    @Test
    void anInterruptedWatcherReturnsAtOnceAndLeavesTheFrameToTheBackgroundReader() throws Exception {
        FrameReader r = startBackgroundReader(FrameReader.QUIET_NANOS);
        send(frame(Frames.VALUE, 3, 5));
        Thread.currentThread().interrupt();
        try {
            r.watch(() -> false, System.nanoTime() + FAR); // only the interrupt can end this
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt stays set for the caller to act on");
        }
        awaitDispatched(3);
        assertSame(background, dispatchers.get(0));
    }

    @Test
    void aWatcherHoldingTheRoleLetsGoWhenInterrupted() throws Exception {
        FrameReader r = quietReader();
        CompletableFuture<Boolean> interruptSeen = new CompletableFuture<>();
        Thread watcher = new Thread(() -> {
            r.watch(() -> false, System.nanoTime() + FAR); // only the interrupt can end this
            interruptSeen.complete(Thread.currentThread().isInterrupted());
        });
        watcher.start();
        while (r.roleHolder() != watcher) {
            Thread.sleep(1);
        }
        watcher.interrupt();
        assertTrue(interruptSeen.get(30, TimeUnit.SECONDS));

        send(frame(Frames.VALUE, 8, 5));
        awaitDispatched(8);
        assertSame(background, dispatchers.get(1), "a watcher that gives up wakes the background reader");
    }

    @Test
    void whatAWatcherHitsIsReportedByTheBackgroundReader() throws Exception {
        FrameReader r = quietReader();
        IllegalStateException boom = new IllegalStateException("an unknown task id");
        alsoOnDispatch = f -> {
            throw boom;
        };
        send(frame(Frames.VALUE, 4, 5));

        r.watch(() -> got(4), System.nanoTime() + FAR);

        assertSame(boom, backgroundEnd.get(30, TimeUnit.SECONDS));
    }

    @Test
    void strayBytesAreLeftToTheBackgroundReaderWhichReportsThem() throws Exception {
        FrameReader r = quietReader();
        send("hello from native code, not a frame".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        r.watch(() -> false, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));

        assertInstanceOf(StreamCorruptedException.class, backgroundEnd.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(0L), ids);
    }

    @Test
    void theBackgroundReaderEndsCleanlyAtTheEndOfTheStream() throws Exception {
        startBackgroundReader(FrameReader.QUIET_NANOS);
        send(frame(Frames.OUT, 5, 3));
        fromWorker.close();
        assertEquals(null, backgroundEnd.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(5L), ids);
    }
}
