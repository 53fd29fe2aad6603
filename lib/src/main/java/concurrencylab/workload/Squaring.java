package concurrencylab.workload;

import java.math.BigInteger;

import concurrencylab.executor.Gil;

/**
 * The article's CPU-bound workload: {@code x^(2^y)} by squaring {@code y} times, and its
 * "heavy task" variant that computes the power twice and divides, so the answer is 1.
 *
 * <pre>{@code
 * Squaring.power(2, 3);    // 256 = 2^(2^3), three squarings: 2 -> 4 -> 16 -> 256
 * Squaring.ratio(2, 30);   // 1, after two powers of 1,073,741,825 bits each (tens of seconds of CPU)
 * }</pre>
 *
 * <p>The loop {@code a = a * a} is deliberate: {@link BigInteger#pow} would find the answer
 * differently, and the point is to mirror the article's work, step for step. The squarings
 * get longer and longer (each doubles the size), so almost all the time goes into the last
 * few.
 *
 * <h2>Valid inputs</h2>
 * <ul>
 *   <li>{@code x >= 1}. Zero would make {@link #ratio} divide by zero, and a negative base
 *       adds nothing (the first squaring makes it positive), so both are refused.</li>
 *   <li>{@code y >= 0}; {@code y = 0} is the article's "light task" ({@code x} itself).</li>
 *   <li>The result must fit in a {@code BigInteger}, which holds at most
 *       2,147,483,647 bits ({@link #MAX_RESULT_BITS}): for {@code x = 2} that is {@code y <= 30}.</li>
 *   <li>The computation must fit in this JVM's heap, estimated as {@link #POWER_MEMORY_FACTOR}
 *       (for {@link #power}) or {@link #RATIO_MEMORY_FACTOR} (for {@link #ratio}) times the
 *       size of the result; see {@link #requiredBytes}.</li>
 * </ul>
 * Anything else is refused with an {@link IllegalArgumentException} before anything is
 * allocated, with a message naming the values, how much memory they need and how much the
 * JVM has. Notebooks that must adapt to the machine ask {@link #largestY(long)} first.
 *
 * <h2>Interruption</h2>
 * Both methods check {@link Thread#interrupted()} before every squaring and throw
 * {@link InterruptedException}, so cancelling a future or stopping a notebook cell ends the
 * work after the squaring in progress. That one is not interruptible ({@code BigInteger}
 * multiplication has no checks), and the last squarings of a large power take seconds each.
 *
 * <h2>Under a simulated GIL</h2>
 * Before every squaring the loop calls {@link Gil#checkpoint()}, where a
 * {@link concurrencylab.executor.GilExecutor}'s worker gives up the lock when another thread has
 * asked for it; one squaring holds it throughout, as one C-level call holds CPython's GIL.
 * Outside such an executor the checkpoint is a thread-local lookup and nothing else.
 *
 * <p>Stateless and thread-safe.
 */
public final class Squaring {

    /** The most bits a {@code BigInteger} can hold. */
    public static final long MAX_RESULT_BITS = Integer.MAX_VALUE;

    /**
     * Heap needed by {@link #power}, in multiples of the result's size: during the last
     * squaring the previous value (half the size), the product (full size) and the
     * multiplication's Toom-Cook temporaries (about as much again) are alive, plus room for
     * the garbage collector not to have to place large arrays perfectly. Measured on
     * JDK 25 with G1: {@code x=2, y=28} (a 32 MiB result) completes in a 96 MiB heap (3x)
     * and fails in 80 MiB; the factor keeps a margin over that.
     */
    public static final int POWER_MEMORY_FACTOR = 4;

    /**
     * Heap needed by {@link #ratio}, in multiples of one power's size: the first power stays
     * alive while the second is computed, so one result more than {@link #POWER_MEMORY_FACTOR}.
     * Measured on JDK 25 with G1: {@code x=2, y=28} completes in a 128 MiB heap (4x) and fails
     * in 112 MiB; the factor keeps a margin over that.
     */
    public static final int RATIO_MEMORY_FACTOR = 5;

    private Squaring() {
    }

    /**
     * {@code x^(2^y)}, computed as the article does: {@code y} times {@code a = a * a}.
     *
     * @throws IllegalArgumentException if {@code x < 1}, {@code y < 0}, or the result or its
     *         computation cannot fit (see the class comment); nothing is allocated then
     * @throws InterruptedException if the thread is interrupted before any squaring
     */
    public static BigInteger power(long x, int y) throws InterruptedException {
        checkPowerFits(x, y);
        return squareRepeatedly(x, y);
    }

    /**
     * The article's heavy task: {@code power(x, y) / power(x, y)}, which is 1 after doing the
     * work twice.
     *
     * @throws IllegalArgumentException as {@link #power}, with the larger memory estimate of
     *         {@link #requiredBytes}
     * @throws InterruptedException if the thread is interrupted before any squaring
     */
    public static BigInteger ratio(long x, int y) throws InterruptedException {
        checkRatioFits(x, y);
        BigInteger first = squareRepeatedly(x, y);
        BigInteger second = squareRepeatedly(x, y);
        return first.divide(second);
    }

    /**
     * Refuses {@code (x, y)} for {@link #ratio} in this JVM, exactly as {@code ratio} would,
     * without computing anything. Task objects call it in their constructors.
     *
     * @throws IllegalArgumentException with the reason (see the class comment)
     */
    public static void checkRatioFits(long x, int y) {
        checkFits(x, y, RATIO_MEMORY_FACTOR, HeapBudget.maxHeapBytes());
    }

    /**
     * Refuses {@code (x, y)} for {@link #power} in this JVM, exactly as {@code power} would.
     *
     * @throws IllegalArgumentException with the reason (see the class comment)
     */
    public static void checkPowerFits(long x, int y) {
        checkFits(x, y, POWER_MEMORY_FACTOR, HeapBudget.maxHeapBytes());
    }

    /**
     * Refuses {@code (x, y)} for {@link #ratio} given a heap of {@code heapBytes}: the same
     * check as {@link #checkRatioFits(long, int)}, for asking about another heap (a worker
     * JVM's, a test's).
     */
    public static void checkRatioFits(long x, int y, long heapBytes) {
        checkFits(x, y, RATIO_MEMORY_FACTOR, heapBytes);
    }

    /**
     * The number of bits of {@code x^(2^y)}: exact when {@code x} is a power of two
     * ({@code 2^(2^y)} has {@code 2^y + 1} bits), otherwise {@code floor(2^y * log2 x) + 1}
     * computed in floating point and rounded up, so it may exceed the true count by one.
     * Saturates at {@link Long#MAX_VALUE} for results beyond any memory.
     *
     * @throws IllegalArgumentException if {@code x < 1} or {@code y < 0}
     */
    public static long resultBits(long x, int y) {
        checkRange(x, y);
        if (x == 1) {
            return 1;
        }
        if (Long.bitCount(x) == 1) {
            long k = Long.numberOfTrailingZeros(x); // x = 2^k, result = 2^(k * 2^y)
            if (y >= 62 || k > (Long.MAX_VALUE - 1) >> y) {
                return Long.MAX_VALUE;
            }
            return (k << y) + 1;
        }
        double log2x = Math.log(x) / Math.log(2);
        // Relative error of log2x is a few ulps; scaling up by 2^-48 keeps the floor from
        // landing one below the true count when 2^y * log2 x is just under an integer.
        double bits = Math.floor(Math.scalb(log2x, y) * (1 + 0x1p-48)) + 1;
        return bits >= 0x1p63 ? Long.MAX_VALUE : (long) bits;
    }

    /**
     * Bytes of heap {@link #ratio} needs for {@code (x, y)}: {@link #RATIO_MEMORY_FACTOR}
     * times the result's size in bytes ({@code resultBits / 8}), saturating at
     * {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if {@code x < 1} or {@code y < 0}
     */
    public static long requiredBytes(long x, int y) {
        return requiredBytes(x, y, RATIO_MEMORY_FACTOR);
    }

    /** Bytes of heap {@link #power} needs for {@code (x, y)}; as {@link #requiredBytes}. */
    public static long requiredBytesForPower(long x, int y) {
        return requiredBytes(x, y, POWER_MEMORY_FACTOR);
    }

    /**
     * The largest {@code y} for which {@link #ratio}{@code (x, y)} fits in this JVM (both the
     * {@code BigInteger} limit and the heap), or -1 if not even {@code y = 0} does.
     * For {@code x = 1} every {@code y} fits and the answer is {@link Integer#MAX_VALUE}.
     */
    public static int largestY(long x) {
        return largestY(x, HeapBudget.maxHeapBytes());
    }

    /** As {@link #largestY(long)} for a heap of {@code heapBytes}. */
    public static int largestY(long x, long heapBytes) {
        if (x < 1) {
            throw new IllegalArgumentException("x must be at least 1, got x=" + x);
        }
        return largestY(x, RATIO_MEMORY_FACTOR, heapBytes);
    }

    private static int largestY(long x, int factor, long heapBytes) {
        if (x == 1) {
            return Integer.MAX_VALUE;
        }
        int y = -1;
        // Sizes double with every y and x >= 2, so this loop ends before y = 63.
        while (fits(x, y + 1, factor, heapBytes)) {
            y++;
        }
        return y;
    }

    private static BigInteger squareRepeatedly(long x, int y) throws InterruptedException {
        BigInteger a = BigInteger.valueOf(x);
        for (int i = 0; i < y; i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted after " + i + " of " + y + " squarings");
            }
            Gil.checkpoint(); // under a simulated GIL, other threads may run here; the multiply holds it throughout
            a = a.multiply(a);
        }
        return a;
    }

    private static void checkRange(long x, int y) {
        if (x < 1) {
            throw new IllegalArgumentException("x must be at least 1, got x=" + x);
        }
        if (y < 0) {
            throw new IllegalArgumentException("y must be at least 0, got y=" + y);
        }
    }

    private static long requiredBytes(long x, int y, int factor) {
        long bits = resultBits(x, y);
        if (bits == Long.MAX_VALUE) {
            return Long.MAX_VALUE; // saturated: the real count is larger still
        }
        long bytes = bits / 8 + 1;
        return bytes > Long.MAX_VALUE / factor ? Long.MAX_VALUE : bytes * factor;
    }

    private static boolean fits(long x, int y, int factor, long heapBytes) {
        return resultBits(x, y) <= MAX_RESULT_BITS && requiredBytes(x, y, factor) <= heapBytes;
    }

    private static void checkFits(long x, int y, int factor, long heapBytes) {
        checkRange(x, y);
        if (fits(x, y, factor, heapBytes)) {
            return;
        }
        long bits = resultBits(x, y);
        String bitsText = bits == Long.MAX_VALUE
                ? "more than " + HeapBudget.grouped(Long.MAX_VALUE) + " bits"
                : HeapBudget.grouped(bits) + " bits (" + HeapBudget.humanBytes(bits / 8 + 1) + ")";
        String needed = requiredBytes(x, y, factor) == Long.MAX_VALUE
                ? "more memory than a 64-bit machine can address"
                : "about " + HeapBudget.humanBytes(requiredBytes(x, y, factor));
        String heap = HeapBudget.humanBytes(heapBytes);
        int largest = largestY(x, factor, heapBytes);
        String hint = largest < 0 ? "" : "; the largest y that fits for x=" + x + " is " + largest;
        if (bits > MAX_RESULT_BITS) {
            // No heap helps here, so no advice to raise -Xmx.
            throw new IllegalArgumentException("x=" + x + ", y=" + y + ": the result would have "
                    + bitsText + ", more than a BigInteger can hold ("
                    + HeapBudget.grouped(MAX_RESULT_BITS) + " bits); the computation would need "
                    + needed + " and this JVM's maximum heap is " + heap + hint);
        }
        throw new IllegalArgumentException("x=" + x + ", y=" + y + ": the result has " + bitsText
                + " and the computation needs " + needed + ", but this JVM's maximum heap is "
                + heap + " (raise it with -Xmx)" + hint);
    }
}
