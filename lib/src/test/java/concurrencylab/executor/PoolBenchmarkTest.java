package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The benchmark's shape, not its figures (speed is for the benchmark itself to report): three
 * lines in order, each ending with {@code ratio=<number>} whatever the default locale, and every
 * JVM it started gone.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PoolBenchmarkTest {

    @Test
    void printsThreeRatiosAndLeavesNoProcessBehind() throws Exception {
        Set<Long> before = alive();
        StringWriter printed = new StringWriter();
        List<String> lines;
        Locale locale = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma must not reach the ratio= lines
        try {
            lines = new PoolBenchmark(new PrintWriter(printed), 1).runAll(100_000);
        } finally {
            Locale.setDefault(locale);
        }

        assertEquals(3, lines.size(), printed.toString());
        List<String> starts = List.of("startup: pool-to-first-result=", "round-trip: trivial-task=", "throughput: int[100,000] as argument=");
        for (int i = 0; i < 3; i++) {
            String line = lines.get(i);
            assertTrue(line.startsWith(starts.get(i)), line);
            assertTrue(line.matches(".* ratio=\\d+\\.\\d+"), line);
        }
        assertEquals(String.join(System.lineSeparator(), lines) + System.lineSeparator(), printed.toString());
        // Processes are reaped asynchronously: a pipe's end arrives before the exit status.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<Long> started;
        while (!(started = startedSince(before)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Set.of(), started, "processes left running by the benchmark");
    }

    private static Set<Long> alive() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static Set<Long> startedSince(Set<Long> before) {
        Set<Long> now = alive();
        now.removeAll(before);
        return now;
    }
}
