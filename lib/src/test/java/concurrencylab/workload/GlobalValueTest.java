package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlobalValueTest {

    @AfterEach
    void reset() {
        GlobalValue.reset();
    }

    @Test
    void setGetReset() {
        GlobalValue.set(7);
        assertEquals(7, GlobalValue.get());
        GlobalValue.reset();
        assertEquals(0, GlobalValue.get());
    }

    @Test
    void aPoolThreadSeesAWriteMadeAfterSubmission() throws Exception {
        // The task waits for the write by a latch, not by a sleep, so the outcome is certain.
        CountDownLatch written = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Integer> read = pool.submit(() -> {
                written.await();
                return GlobalValue.readAfterSleep(Duration.ZERO);
            });
            GlobalValue.set(5);
            written.countDown();
            assertEquals(5, read.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void theTaskReadsTheValueOfItsJvm() throws Exception {
        GlobalValue.set(3);
        assertEquals(3, new ReadGlobalAfterSleepTask(Duration.ofMillis(1)).call());
    }

    @Test
    void refusesNegativeOrMissingSleeps() {
        assertThrows(IllegalArgumentException.class, () -> new ReadGlobalAfterSleepTask(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> new ReadGlobalAfterSleepTask(null));
    }

    @Test
    void sleepingIsInterruptible() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> GlobalValue.readAfterSleep(Duration.ofHours(1)));
    }
}
