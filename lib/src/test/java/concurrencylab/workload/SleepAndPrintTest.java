package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class SleepAndPrintTest {

    @Test
    void printsTheMessageAfterSleeping() throws InterruptedException {
        var bytes = new ByteArrayOutputStream();
        SleepAndPrint.run(Duration.ofMillis(10), "hello", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("hello" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsNothingWhenInterrupted() {
        var bytes = new ByteArrayOutputStream();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class,
                () -> SleepAndPrint.run(Duration.ofHours(1), "never", new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesANegativeSleep() {
        assertThrows(IllegalArgumentException.class, () -> SleepAndPrint.run(Duration.ofSeconds(-1), "x", System.out));
    }
}
