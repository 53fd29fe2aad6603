package concurrencylab.workload;

import java.time.Duration;

/**
 * A reader thread spins until it sees a flag that another thread sets, with the flag read
 * plainly, as a {@code volatile}, or under a lock: the Java Memory Model's visibility rule made
 * observable, without ever hanging.
 *
 * <pre>{@code
 * VisibilityProbe.Result r = VisibilityProbe.race(Access.PLAIN, Duration.ofMillis(300), Duration.ofSeconds(2));
 * r.seen();             // may be false: nothing orders the plain write before the reader's reads
 * VisibilityProbe.race(Access.VOLATILE, Duration.ofMillis(300), Duration.ofSeconds(2)).seen();   // true
 * double ns = VisibilityProbe.nanosPerSpin(Access.VOLATILE, 1 << 24);                            // cost of one spin
 * }</pre>
 *
 * <h2>Why the plain reader may never see the write</h2>
 * Without a happens-before edge between the writer and the reader, the JMM allows the reader
 * to go on seeing the old value. HotSpot's optimizing compiler uses that freedom: in a loop
 * that contains no call, lock or volatile access, a plain field read is loop-invariant and may
 * be hoisted out of the loop, read once. Whether it is depends on the JVM, the compiler and
 * the timing; this class reports what happened, it does not promise either outcome. A
 * {@code volatile} read, or a read under the monitor the writer also holds, must see the write
 * once the write has happened (a volatile write happens-before every later read of it; an
 * unlock happens-before every later lock of the same monitor).
 *
 * <h2>The deadline</h2>
 * The spin loop must contain nothing that would act as a barrier, so it cannot look at a clock
 * or at the interrupt status (both would force the flag to be read again). It is bounded by a
 * number of spins instead: {@link #race} first times the same loop on a flag that is never set
 * and allows as many spins as fit into the deadline, so a reader that never sees the write
 * stops after about the deadline. An interrupt of the calling thread is therefore answered
 * only after the reader ended (within about the deadline).
 *
 * <p>Stateless and thread-safe; every race uses a fresh flag.
 */
public final class VisibilityProbe {

    /** How the reader reads the flag, and the writer writes it. */
    public enum Access {
        /** A plain field: no happens-before edge between writer and reader. */
        PLAIN,
        /** A {@code volatile} field: the write happens-before every later read. */
        VOLATILE,
        /** A plain field written and read inside {@code synchronized} on the same object. */
        LOCKED
    }

    /**
     * What one race did.
     *
     * @param access          how the flag was read and written
     * @param seen            whether the reader saw the write before its spin budget ran out
     * @param spins           how many times the reader read the flag and found it unset
     * @param spinBudget      the most spins it was allowed (about the deadline)
     * @param writeAfter      how long after the reader started the flag was set
     * @param secondsToNotice from the write to the reader leaving its loop; NaN if not seen
     * @param secondsSpinning how long the reader spun in all
     */
    public record Result(Access access, boolean seen, long spins, long spinBudget, Duration writeAfter,
                         double secondsToNotice, double secondsSpinning) {
    }

    /** Spins per calibration run: long enough to be timed, short enough to be a few milliseconds. */
    static final long CALIBRATION_SPINS = 1L << 22;
    private static final long SEED = 0x9E3779B97F4A7C15L;

    /** The result of each spin loop goes here, so the compiler cannot drop the loop's work. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    /** One race's flag. Each field is for one access kind (the policy is in the field's name). */
    private static final class Flag {
        boolean plain;
        volatile boolean volatileFlag;
        boolean locked; // guarded by this
    }

    private VisibilityProbe() {
    }

    /**
     * Times {@code spins} spins of the reader's loop on a flag that is never set, and returns
     * nanoseconds per spin: the price of one read of the flag plus a few arithmetic operations.
     *
     * @throws IllegalArgumentException if {@code spins} is not between 1 and 2^40
     */
    public static double nanosPerSpin(Access access, long spins) {
        checkAccess(access);
        if (spins < 1 || spins > 1L << 40) {
            throw new IllegalArgumentException("spins must be between 1 and 2^40, got " + spins);
        }
        Flag never = new Flag();
        long start = System.nanoTime();
        spin(access, never, spins);
        return (double) (System.nanoTime() - start) / spins;
    }

    /**
     * Starts a reader that spins on a fresh flag, sets the flag {@code writeAfter} later from the
     * calling thread, and waits for the reader, which gives up after about {@code deadline}.
     *
     * @throws IllegalArgumentException if a duration is null or negative, or the deadline is not
     *                                  between 1 ms and 60 s
     * @throws InterruptedException     if the calling thread is interrupted (after the reader ended)
     */
    public static Result race(Access access, Duration writeAfter, Duration deadline) throws InterruptedException {
        checkAccess(access);
        Durations.checkNonNegative(writeAfter, "writeAfter");
        Durations.checkNonNegative(deadline, "deadline");
        if (deadline.compareTo(Duration.ofMillis(1)) < 0 || deadline.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("deadline must be between 1 ms and 60 s, got " + deadline);
        }
        long budget = spinBudget(access, deadline);
        Flag flag = new Flag();
        long[] reader = new long[3]; // spins, start, end: written by the reader, read after join
        Thread thread = Thread.ofPlatform().name("visibility-reader-" + access).daemon().start(() -> {
            reader[1] = System.nanoTime();
            reader[0] = spin(access, flag, budget);
            reader[2] = System.nanoTime();
        });
        boolean interrupted = false;
        try {
            Thread.sleep(writeAfter);
        } catch (InterruptedException e) {
            interrupted = true; // still write and wait: the reader must end before we return
        }
        long writtenAt = System.nanoTime();
        write(access, flag);
        while (true) {
            try {
                thread.join(); // bounded: the reader stops after its budget
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            throw new InterruptedException("interrupted while racing a " + access + " flag");
        }
        boolean seen = reader[0] < budget;
        double toNotice = seen ? Math.max(0, reader[2] - writtenAt) / 1e9 : Double.NaN;
        return new Result(access, seen, reader[0], budget, writeAfter, toNotice, (reader[2] - reader[1]) / 1e9);
    }

    /** As many spins as fit into {@code deadline}, from the fastest of three timed runs. */
    static long spinBudget(Access access, Duration deadline) {
        double fastest = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            fastest = Math.min(fastest, nanosPerSpin(access, CALIBRATION_SPINS));
        }
        return Math.max(1, (long) (deadline.toNanos() / Math.max(fastest, 0.01)));
    }

    private static void checkAccess(Access access) {
        if (access == null) {
            throw new IllegalArgumentException("access must be one of PLAIN, VOLATILE, LOCKED, got null");
        }
    }

    private static void write(Access access, Flag flag) {
        switch (access) {
            case PLAIN -> flag.plain = true;
            case VOLATILE -> flag.volatileFlag = true;
            case LOCKED -> {
                synchronized (flag) {
                    flag.locked = true;
                }
            }
        }
    }

    /** Returns the spins made before the flag was seen, or {@code budget} if it never was. */
    private static long spin(Access access, Flag flag, long budget) {
        return switch (access) {
            case PLAIN -> spinPlain(flag, budget);
            case VOLATILE -> spinVolatile(flag, budget);
            case LOCKED -> spinLocked(flag, budget);
        };
    }

    // Three copies of one loop, so that each is compiled on its own. The xorshift steps give the
    // loop work that the compiler cannot remove; nothing in it orders memory except the read.

    private static long spinPlain(Flag flag, long budget) {
        long x = SEED;
        long i = 0;
        for (; i < budget; i++) {
            if (flag.plain) {
                break;
            }
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
        return i;
    }

    private static long spinVolatile(Flag flag, long budget) {
        long x = SEED;
        long i = 0;
        for (; i < budget; i++) {
            if (flag.volatileFlag) {
                break;
            }
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
        return i;
    }

    private static long spinLocked(Flag flag, long budget) {
        long x = SEED;
        long i = 0;
        for (; i < budget; i++) {
            boolean set;
            synchronized (flag) {
                set = flag.locked;
            }
            if (set) {
                break;
            }
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
        return i;
    }
}
