package concurrencylab.workload;

import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Data that costs CPU time per element: counts the primes among {@code numbers} by trial
 * division. Unlike {@link PickTask}, whose work is nothing, this task's work grows with its
 * data, so splitting the data over worker JVMs pays off once the data is large enough to
 * outweigh the cost of sending it (the exercise for notebook 05 finds that size).
 *
 * <pre>{@code
 * int[] numbers = Picking.range(1_000_000);
 * int primes = new CountPrimesTask(numbers).call();                       // 78,498 on one thread
 * int half = numbers.length / 2;                                           // or two tasks for two workers:
 * var low = new CountPrimesTask(Arrays.copyOfRange(numbers, 0, half));
 * var high = new CountPrimesTask(Arrays.copyOfRange(numbers, half, numbers.length));
 * }</pre>
 *
 * <p>A number {@code v} costs up to {@code sqrt(v) / 2} divisions, so larger numbers cost more.
 * Numbers below 2, negative ones included, are not prime. The interrupt status is checked
 * every {@value #INTERRUPT_CHECK_INTERVAL} numbers. As a record with an array component,
 * {@code equals} compares the array by identity.
 *
 * @param numbers the numbers to test, not null (held, not copied)
 */
public record CountPrimesTask(int[] numbers) implements Callable<Integer>, Serializable {

    /** How many numbers are tested between two checks of the interrupt status. */
    public static final int INTERRUPT_CHECK_INTERVAL = 1 << 14;

    /** @throws IllegalArgumentException if {@code numbers} is null */
    public CountPrimesTask {
        if (numbers == null) {
            throw new IllegalArgumentException("numbers must not be null");
        }
    }

    /** @throws InterruptedException if the thread is interrupted while counting */
    @Override
    public Integer call() throws InterruptedException {
        int count = 0;
        for (int i = 0; i < numbers.length; i++) {
            if ((i & (INTERRUPT_CHECK_INTERVAL - 1)) == 0 && Thread.interrupted()) {
                throw new InterruptedException("counting primes stopped after " + i + " of " + numbers.length + " numbers");
            }
            if (isPrime(numbers[i])) {
                count++;
            }
        }
        return count;
    }

    /** Whether {@code n} is prime, by trial division with odd divisors up to its square root. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; d <= n / d; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CountPrimesTask[" + numbers.length + " numbers]";
    }
}
