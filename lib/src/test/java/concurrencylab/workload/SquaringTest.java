package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against hangs, not a speed requirement.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SquaringTest {

    private static final long GIB = 1L << 30;

    @Test
    void powerSquaresYTimes() throws InterruptedException {
        assertEquals(BigInteger.valueOf(256), Squaring.power(2, 3));
        assertEquals(BigInteger.valueOf(2), Squaring.power(2, 0));
        assertEquals(BigInteger.valueOf(3).pow(16), Squaring.power(3, 4));
        assertEquals(BigInteger.ONE, Squaring.power(1, 1000));
    }

    @Test
    void ratioIsOne() throws InterruptedException {
        assertEquals(BigInteger.ONE, Squaring.ratio(2, 0));
        assertEquals(BigInteger.ONE, Squaring.ratio(2, 12));
        assertEquals(BigInteger.ONE, Squaring.ratio(12345, 5));
    }

    @Test
    void resultBitsIsExactForPowersOfTwoAndAtMostOneOverOtherwise() throws InterruptedException {
        assertEquals((1L << 40) + 1, Squaring.resultBits(2, 40));
        assertEquals(1, Squaring.resultBits(1, 1_000_000));
        for (long x : new long[] {2, 3, 4, 5, 7, 10, 255, 1000, 123_456_789}) {
            for (int y = 0; y <= 12; y++) {
                long actual = Squaring.power(x, y).bitLength();
                long estimate = Squaring.resultBits(x, y);
                assertTrue(estimate == actual || estimate == actual + 1,
                        "x=" + x + ", y=" + y + ": estimate " + estimate + ", actual " + actual);
            }
        }
        assertEquals(Long.MAX_VALUE, Squaring.resultBits(3, 100));
    }

    @Test
    void refusesBadRangesNamingTheValue() {
        var zero = assertThrows(IllegalArgumentException.class, () -> Squaring.ratio(0, 3));
        assertTrue(zero.getMessage().contains("x=0"), zero.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> Squaring.power(2, -1));
        assertTrue(negative.getMessage().contains("y=-1"), negative.getMessage());
    }

    @Test
    void refusesWhatNeedsMoreThanTheHeapSayingHowMuch() {
        // This JVM's heap, whatever it is, is far below the 640 GiB of x=2, y=40.
        var e = assertThrows(IllegalArgumentException.class, () -> Squaring.ratio(2, 40));
        String message = e.getMessage();
        assertTrue(message.startsWith("x=2, y=40: "), message);
        assertTrue(message.contains("1,099,511,627,777 bits (128 GiB)"), message);
        assertTrue(message.contains("about 640 GiB"), message);
        assertTrue(message.contains("maximum heap is " + HeapBudget.humanBytes(HeapBudget.maxHeapBytes())), message);
    }

    @Test
    void memoryMessageForAGivenHeap() {
        // x=2, y=30: 128 MiB result, 5 x 128 MiB = 640 MiB needed.
        var e = assertThrows(IllegalArgumentException.class, () -> Squaring.checkRatioFits(2, 30, 256L << 20));
        assertEquals("x=2, y=30: the result has 1,073,741,825 bits (128 MiB) and the computation needs"
                + " about 640 MiB, but this JVM's maximum heap is 256 MiB (raise it with -Xmx);"
                + " the largest y that fits for x=2 is 28", e.getMessage());
        Squaring.checkRatioFits(2, 30, GIB);
    }

    @Test
    void refusesResultsBeyondBigIntegerWhateverTheHeap() {
        var e = assertThrows(IllegalArgumentException.class, () -> Squaring.checkRatioFits(2, 31, 1L << 50));
        assertTrue(e.getMessage().contains("more than a BigInteger can hold"), e.getMessage());
        assertTrue(e.getMessage().contains("the largest y that fits for x=2 is 30"), e.getMessage());
    }

    @Test
    void largestYFollowsTheHeap() {
        assertEquals(30, Squaring.largestY(2, 1L << 50)); // then BigInteger is the limit
        assertEquals(28, Squaring.largestY(2, 256L << 20));
        assertEquals(Integer.MAX_VALUE, Squaring.largestY(1, 1));
        assertEquals(-1, Squaring.largestY(2, 1));
        int y = Squaring.largestY(3);
        Squaring.checkRatioFits(3, y);
        assertThrows(IllegalArgumentException.class, () -> Squaring.checkRatioFits(3, y + 1));
    }

    @Test
    void requiredBytesScaleWithTheResult() {
        long resultBytes = ((1L << 30) + 1) / 8 + 1;
        assertEquals(Squaring.RATIO_MEMORY_FACTOR * resultBytes, Squaring.requiredBytes(2, 30));
        assertEquals(Squaring.POWER_MEMORY_FACTOR * resultBytes, Squaring.requiredBytesForPower(2, 30));
        assertEquals(Long.MAX_VALUE, Squaring.requiredBytes(2, 200));
    }

    @Test
    void interruptedBeforeStartingThrows() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Squaring.power(2, 10));
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt status is consumed");
    }

    @Test
    void aLongComputationStopsWhenInterrupted() throws Exception {
        // x=1 squares 1 billions of times: long, but needs no memory.
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                Squaring.ratio(1, Integer.MAX_VALUE);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        worker.interrupt();
        Throwable thrown = outcome.get(30, TimeUnit.SECONDS);
        worker.join();
        assertTrue(thrown instanceof InterruptedException, "expected InterruptedException, got " + thrown);
    }

    @Test
    void aLargeSquaringStopsWhenItsFutureIsCancelled() throws Exception {
        // Real squarings of growing numbers (two powers of about 26 MB each), cancelled
        // while running: the task itself must see the InterruptedException.
        int y = Math.min(27, Squaring.largestY(3));
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<?> future = pool.submit(() -> {
                started.countDown();
                try {
                    Squaring.ratio(3, y);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            Thread.sleep(200); // let it reach the larger squarings; no assertion depends on it
            future.cancel(true);
            Throwable thrown = outcome.get(120, TimeUnit.SECONDS);
            assertTrue(thrown instanceof InterruptedException, "expected InterruptedException, got " + thrown);
        }
    }
}
