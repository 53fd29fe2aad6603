package concurrencylab.executor;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads the frames of one worker's standard output and hands each to a consumer, in order,
 * from whichever thread holds the <em>reader role</em> at the moment: the worker's background
 * reader thread, or a thread waiting in {@code get()} for a task of this worker.
 *
 * <p>Why a waiting thread reads at all: a small task's result comes back within microseconds,
 * and a thread blocked in a read must then be woken by the kernel, which on a virtual machine
 * costs anything from a few to tens of microseconds (an idle virtual processor is halted and
 * must be woken by the host); a background reader then has to hand the result to the waiting
 * thread as well. A thread that {@linkplain #watch watches} reads the frame itself as soon as it
 * is complete, and nothing needs waking.
 *
 * <p>The rules that keep this safe:
 * <ul>
 *   <li>Only the holder of the role reads, and it dispatches each frame before it lets go, so
 *       frames are handled one at a time and in order (a task's output before its result).</li>
 *   <li>A watching thread never blocks in a read (a blocking read of a pipe cannot be
 *       interrupted in Java, and a waiting thread must answer an interrupt or a timeout): it
 *       looks at {@link InputStream#available()} and reads a frame only once all its bytes have
 *       arrived. Frames larger than {@link #WATCH_MAX_FRAME}, the end of the stream, and stray
 *       bytes are left to the background reader.</li>
 *   <li>The background reader stays out of its blocking read while watchers keep getting their
 *       results ({@link #QUIET_NANOS} after the last one), since a read it has begun cannot be
 *       taken over; a watcher that gives up without its result wakes it at once.</li>
 * </ul>
 */
final class FrameReader {
    /** The largest frame (header included) a watching thread reads; larger ones wait for the background reader. */
    static final int WATCH_MAX_FRAME = 64 * 1024;
    /** How long the background reader stays out of a blocking read after a watcher got its result. */
    static final long QUIET_NANOS = 1_000_000;

    private final BufferedInputStream buffer;
    private final DataInputStream in;
    private final Consumer<Frames.Frame> dispatch;
    private final long quietNanos;
    private final Thread background;
    private final AtomicReference<Thread> role = new AtomicReference<>();
    /** Until when the background reader keeps out of a blocking read (System.nanoTime()). */
    private volatile long watchedUntil;
    /** What went wrong while a watcher read; the background reader reports it. */
    private volatile Throwable watcherFailure;

    /** To be created by the background reader thread, which then calls {@link #readUntilEnd()}. */
    FrameReader(InputStream from, Consumer<Frames.Frame> dispatch) {
        this(from, dispatch, QUIET_NANOS);
    }

    /** With another quiet time than {@link #QUIET_NANOS}: for tests. */
    FrameReader(InputStream from, Consumer<Frames.Frame> dispatch, long quietNanos) {
        this.buffer = new BufferedInputStream(from, 1 << 16);
        this.in = new DataInputStream(buffer);
        this.dispatch = dispatch;
        this.quietNanos = quietNanos;
        this.background = Thread.currentThread();
        this.watchedUntil = System.nanoTime();
    }

    /** Who holds the reader role now (null: nobody); for tests. */
    Thread roleHolder() {
        return role.get();
    }

    /** Whether the background reader is being kept out of its blocking read now; for tests. */
    boolean keepsBackgroundOut() {
        return watchedUntil - System.nanoTime() > 0;
    }

    /**
     * The background reader's loop: reads and dispatches frames until the stream ends. Returns at
     * a clean end; throws what reading or dispatching threw, here or in a watcher. Either way it
     * keeps the role, so nobody reads after it.
     */
    void readUntilEnd() throws IOException {
        while (true) {
            if (!role.compareAndSet(null, background)) {
                LockSupport.parkNanos(this, quietNanos); // a watcher reads; it wakes us if it gives up
                continue;
            }
            rethrowWatcherFailure();
            long quiet = watchedUntil - System.nanoTime();
            if (quiet > 0) {
                role.set(null);
                LockSupport.parkNanos(this, quiet);
                continue;
            }
            Frames.Frame f = Frames.read(in);
            if (f == null) {
                return;
            }
            dispatch.accept(f);
            role.set(null);
        }
    }

    private void rethrowWatcherFailure() throws IOException {
        Throwable t = watcherFailure;
        if (t instanceof IOException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        }
    }

    /**
     * Reads frames in the calling thread while it can until {@code done} is true, the deadline
     * ({@link System#nanoTime()}) passes or the thread is interrupted; never blocks in a read.
     * When the background reader is in a read already, just watches {@code done}.
     */
    void watch(BooleanSupplier done, long deadline) {
        Thread me = Thread.currentThread();
        boolean holding = false;
        boolean leftToBackground = false;
        boolean asked = false;
        int turn = 0;
        try {
            while (!done.getAsBoolean() && !me.isInterrupted() && deadline - System.nanoTime() > 0) {
                if (!holding && !leftToBackground && watcherFailure == null) {
                    holding = role.compareAndSet(null, me);
                    if (!holding && !asked) {
                        // The background reader is in a read: keep it out of the next one.
                        watchedUntil = System.nanoTime() + quietNanos;
                        asked = true;
                    }
                }
                if (holding) {
                    int read = readWholeFrame();
                    if (read > 0) {
                        continue;
                    }
                    if (read < 0) {
                        release(false);
                        holding = false;
                        leftToBackground = true;
                    }
                }
                Spin.pause(turn++);
            }
        } catch (IOException | RuntimeException | Error e) {
            watcherFailure = e;
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            if (holding) {
                release(done.getAsBoolean() && watcherFailure == null);
            }
        }
    }

    /** 1: read and dispatched a frame; 0: no whole frame yet; -1: the next frame is for the background reader. */
    private int readWholeFrame() throws IOException {
        int available = buffer.available();
        if (available < Frames.HEADER_BYTES) {
            return 0;
        }
        buffer.mark(8);
        int magic = in.readInt();
        int length = in.readInt();
        buffer.reset();
        if (magic != Frames.MAGIC || length < 0 || length > WATCH_MAX_FRAME - Frames.HEADER_BYTES) {
            return -1;
        }
        if (available < Frames.HEADER_BYTES + length) {
            return 0;
        }
        dispatch.accept(Frames.read(in)); // all its bytes are here: this read does not block
        return 1;
    }

    /** Lets go of the role; after a watcher gave up, the background reader takes over at once. */
    private void release(boolean gotResult) {
        watchedUntil = gotResult ? System.nanoTime() + quietNanos : System.nanoTime();
        role.set(null);
        if (!gotResult) {
            LockSupport.unpark(background);
        }
    }
}
