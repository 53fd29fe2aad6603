package concurrencylab.executor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simulated global interpreter lock: one lock that the worker threads of a
 * {@link GilExecutor} must hold to run task code, handed over the way CPython (3.2 and later)
 * hands over its GIL. Workloads see it only through two static methods, which do nothing on a
 * thread that is not a GIL executor's worker:
 *
 * <pre>{@code
 * for (int i = 0; i < y; i++) {
 *     Gil.checkpoint();              // give the lock up here if another thread asked for it
 *     a = a.multiply(a);             // one long call: holds the lock throughout, like a C call in CPython
 * }
 * Gil.blocking(() -> Thread.sleep(100));   // sleeps WITHOUT the lock, like time.sleep in CPython
 * String line = Gil.blocking(() -> reader.readLine());
 * }</pre>
 *
 * <h2>How the lock changes hands</h2>
 * A thread that wants the lock waits for at most the <em>switch interval</em> (5 ms by default,
 * CPython's {@code sys.getswitchinterval()}). If the lock was not released or passed on in that
 * time, it raises a <em>drop request</em>. The holder looks at the request only at
 * {@link #checkpoint()} (CPython: between bytecodes); it then releases the lock and waits until
 * another thread has taken it, so that it cannot take the lock straight back (CPython's
 * "forced switching"), and then queues for it again. Code between two checkpoints keeps the lock
 * however long it runs: one {@code BigInteger.multiply} of a hundred million bits holds it for
 * seconds, as one C-level call holds the real GIL.
 *
 * <p>{@link #blocking} releases the lock around a call that waits (sleep, I/O, a latch) and takes
 * it back afterwards, as CPython releases the GIL around blocking system calls; other threads run
 * meanwhile.
 *
 * <h2>Interruption</h2>
 * Waiting for the lock when a task starts responds to interruption (the task then fails with
 * {@link InterruptedException} before running any code). Taking it back at a checkpoint or after
 * {@link #blocking} does not: task code must never run without the lock. The interrupt status is
 * kept, so the workload's own {@code Thread.interrupted()} check, right after the checkpoint, sees it.
 *
 * <p>Thread-safe. The state below is guarded by {@code lock}, except {@code dropRequested}, which
 * is also read without it by the holder at every checkpoint (hence volatile).
 */
public final class Gil {

    /** CPython's default switch interval ({@code sys.getswitchinterval()}: 0.005 s). */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    /** The shortest switch interval accepted. */
    public static final Duration MIN_SWITCH_INTERVAL = Duration.ofNanos(1_000);

    /** The longest switch interval accepted. */
    public static final Duration MAX_SWITCH_INTERVAL = Duration.ofSeconds(10);

    /** The GIL of a GIL executor's worker thread; unset on every other thread. */
    private static final ThreadLocal<Gil> CURRENT = new ThreadLocal<>();

    /** A call that waits and returns a value, for {@link #blocking(BlockingCall)}. */
    @FunctionalInterface
    public interface BlockingCall<T, X extends Exception> {
        T call() throws X;
    }

    /** A call that waits, for {@link #blocking(BlockingAction)}. */
    @FunctionalInterface
    public interface BlockingAction<X extends Exception> {
        void run() throws X;
    }

    private final long switchIntervalNanos;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever the GIL is released or taken. */
    private final Condition changed = lock.newCondition();
    // Guarded by lock:
    private Thread holder;
    /** Times the GIL was taken; a waiter compares it before and after waiting to see a switch. */
    private long acquisitions;
    /** Times a holder gave the GIL up at a checkpoint because another thread asked for it. */
    private long forcedSwitches;
    /** Threads waiting in {@link #acquire}. */
    private int waiting;
    // Written under lock, read at checkpoints without it:
    private volatile boolean dropRequested;

    Gil(Duration switchInterval) {
        checkSwitchInterval(switchInterval);
        this.switchIntervalNanos = switchInterval.toNanos();
    }

    static void checkSwitchInterval(Duration interval) {
        if (interval == null || interval.compareTo(MIN_SWITCH_INTERVAL) < 0 || interval.compareTo(MAX_SWITCH_INTERVAL) > 0) {
            throw new IllegalArgumentException("switch interval must be between " + MIN_SWITCH_INTERVAL + " and "
                    + MAX_SWITCH_INTERVAL + ", got " + interval);
        }
    }

    /**
     * Where a running task lets other threads have the GIL: if another thread has waited a
     * whole switch interval for it, the calling thread releases it, lets that thread run, and
     * waits its turn to continue. Does nothing on a thread that holds no GIL, which costs one
     * {@link ThreadLocal} lookup; call it freely from workloads.
     */
    public static void checkpoint() {
        Gil gil = CURRENT.get();
        if (gil != null && gil.dropRequested) {
            gil.yieldForRequest();
        }
    }

    /**
     * Runs {@code call} without the GIL (if the calling thread holds one) and takes it back
     * afterwards, whatever {@code call} did: the counterpart of CPython releasing the GIL around
     * a blocking system call. Outside a GIL executor it just runs {@code call}.
     */
    public static <T, X extends Exception> T blocking(BlockingCall<T, X> call) throws X {
        Gil gil = CURRENT.get();
        if (gil == null || !gil.isHeldByCurrentThread()) {
            return call.call();
        }
        gil.release();
        try {
            return call.call();
        } finally {
            gil.acquireUninterruptibly();
        }
    }

    /** As {@link #blocking(BlockingCall)} for a call without a result, e.g. {@code Thread.sleep}. */
    public static <X extends Exception> void blocking(BlockingAction<X> action) throws X {
        blocking(() -> {
            action.run();
            return null;
        });
    }

    /** Whether the calling thread holds a GIL right now (false outside a GIL executor). */
    public static boolean isHeld() {
        Gil gil = CURRENT.get();
        return gil != null && gil.isHeldByCurrentThread();
    }

    /** Makes this the GIL of the calling thread, for its lifetime; a GIL executor's workers call it once. */
    void bindToCurrentThread() {
        CURRENT.set(this);
    }

    Duration switchInterval() {
        return Duration.ofNanos(switchIntervalNanos);
    }

    /** Times a holder gave the GIL up at a checkpoint because another thread had waited a switch interval. */
    long forcedSwitches() {
        lock.lock();
        try {
            return forcedSwitches;
        } finally {
            lock.unlock();
        }
    }

    /** Threads waiting to take the GIL right now; for tests. */
    int waiters() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    boolean isDropRequested() {
        return dropRequested;
    }

    boolean isHeldByCurrentThread() {
        lock.lock();
        try {
            return holder == Thread.currentThread();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the GIL, waiting as long as needed; an interrupt while waiting ends the wait. */
    void acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            awaitAndTake(true);
        } finally {
            lock.unlock();
        }
    }

    /** Takes the GIL, waiting as long as needed; an interrupt is remembered and restored afterwards. */
    void acquireUninterruptibly() {
        lock.lock();
        try {
            awaitAndTake(false);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        } finally {
            lock.unlock();
        }
    }

    /** Releases the GIL, which the calling thread must hold. */
    void release() {
        lock.lock();
        try {
            if (holder != Thread.currentThread()) {
                throw new IllegalStateException("the GIL is held by " + holder + ", not by " + Thread.currentThread());
            }
            holder = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // Called with lock held.
    private void awaitAndTake(boolean interruptible) throws InterruptedException {
        boolean interrupted = false;
        waiting++;
        try {
            while (holder != null) {
                long seen = acquisitions;
                long left;
                try {
                    left = changed.awaitNanos(switchIntervalNanos);
                } catch (InterruptedException e) {
                    if (interruptible) {
                        throw e;
                    }
                    interrupted = true;
                    continue;
                }
                // A whole interval passed and the same holder still has it: ask it to let go.
                if (left <= 0 && holder != null && acquisitions == seen) {
                    dropRequested = true;
                }
            }
            // A wait can end by a release and an interrupt together; the condition then returns
            // normally with the interrupt status set. An interruptible wait must still fail, or a
            // task cancelled while it waited would run.
            if (interruptible && Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the GIL");
            }
        } finally {
            waiting--;
        }
        holder = Thread.currentThread();
        acquisitions++;
        dropRequested = false;
        changed.signalAll(); // a thread that just yielded waits to see someone else take it
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void yieldForRequest() {
        lock.lock();
        try {
            if (!dropRequested || holder != Thread.currentThread()) {
                return;
            }
            long seen = acquisitions;
            holder = null;
            dropRequested = false;
            forcedSwitches++;
            changed.signalAll();
            // Forced switching: let a waiter take it first, unless every waiter has given up.
            boolean interrupted = false;
            while (acquisitions == seen && waiting > 0) {
                try {
                    changed.await(switchIntervalNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            awaitAndTake(false);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        } finally {
            lock.unlock();
        }
    }
}
