package concurrencylab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencylab.executor.ProcessPool;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessIdTaskTest {

    @Test
    void onAThreadItIsThisJvmsPid() throws Exception {
        assertEquals(ProcessHandle.current().pid(), new ProcessIdTask().call());
        try (ExecutorService threads = Executors.newFixedThreadPool(1)) {
            assertEquals(ProcessHandle.current().pid(), threads.submit(new ProcessIdTask()).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void onAProcessPoolItIsTheWorkersPid() throws Exception {
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            long pid = pool.submit(new ProcessIdTask()).get(60, TimeUnit.SECONDS);
            assertNotEquals(ProcessHandle.current().pid(), pid);
            assertTrue(pool.workerPids().contains(pid), "pid " + pid + " is one of " + pool.workerPids());
        }
    }

    @Test
    void survivesSerialization() throws Exception {
        assertEquals(new ProcessIdTask(), PickingTest.roundTrip(new ProcessIdTask()));
    }
}
