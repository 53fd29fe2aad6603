package concurrencylab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ExecutorKindTest {

    @Test
    void threadKindRunsTasks() throws Exception {
        try (ExecutorService pool = ExecutorKind.THREAD.create(2)) {
            assertEquals(42, pool.submit(() -> 42).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void refusesFewerThanOneWorker() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExecutorKind.THREAD.create(0));
        assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
    }
}
