package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class CountPrimesTaskTest {

    @Test
    void countsThePrimesBelowAMillion() throws Exception {
        // pi(10^6) = 78,498, a known value.
        assertEquals(78_498, new CountPrimesTask(Picking.range(1_000_000)).call());
    }

    @Test
    void splittingTheNumbersSplitsTheCount() throws Exception {
        int[] numbers = Picking.range(100_000);
        int half = numbers.length / 2;
        int low = new CountPrimesTask(Arrays.copyOfRange(numbers, 0, half)).call();
        int high = new CountPrimesTask(Arrays.copyOfRange(numbers, half, numbers.length)).call();
        assertEquals(9_592, low + high); // pi(10^5)
        assertEquals(5_133, low);        // pi(5 * 10^4)
    }

    @Test
    void knowsSmallAndExtremeNumbers() {
        assertEquals(IntStream.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29).boxed().toList(),
                IntStream.range(-5, 30).filter(CountPrimesTask::isPrime).boxed().toList());
        assertTrue(CountPrimesTask.isPrime(Integer.MAX_VALUE)); // 2^31 - 1, a Mersenne prime; no overflow in d * d
        assertFalse(CountPrimesTask.isPrime(Integer.MIN_VALUE));
        assertFalse(CountPrimesTask.isPrime(46_337 * 46_337)); // the square of the largest prime whose square fits
        assertFalse(CountPrimesTask.isPrime(65_521 * 32_749)); // a product of two primes
    }

    @Test
    void anInterruptStopsTheCount() {
        Thread.currentThread().interrupt();
        InterruptedException e = assertThrows(InterruptedException.class, () -> new CountPrimesTask(new int[10]).call());
        assertTrue(e.getMessage().contains("after 0 of 10"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void refusesNoNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CountPrimesTask(null));
        assertEquals("numbers must not be null", e.getMessage());
        assertEquals("CountPrimesTask[3 numbers]", new CountPrimesTask(new int[3]).toString());
    }
}
