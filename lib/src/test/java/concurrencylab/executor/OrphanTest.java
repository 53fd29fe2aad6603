package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No worker JVM outlives its pool: after {@code close()}, and after the caller's JVM exits or is
 * killed with SIGKILL without closing anything (workers see their standard input end).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrphanTest {
    @Test
    void closeLeavesNoChildProcess() throws Exception {
        List<Long> pids;
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(2).startEagerly(true).build()) {
            pool.invokeAll(List.of(new Tasks.Square(1), new Tasks.Square(2)));
            pids = pool.workerPids();
            assertTrue(childPids().containsAll(pids), "workers are children of this JVM");
        }
        for (long pid : pids) {
            assertTrue(!childPids().contains(pid), "worker " + pid + " is gone after close()");
        }
        assertEquals(List.of(), childPids(), "no child process at all is left");
    }

    @Test
    void workersOfAKilledCallerExit() throws Exception {
        workersOfACallerExit("wait", true);
    }

    @Test
    void workersOfACallerThatExitsWithoutClosingExit() throws Exception {
        workersOfACallerExit("exit", false);
    }

    private static void workersOfACallerExit(String mode, boolean kill) throws Exception {
        List<Path> cp = new ArrayList<>(WorkerClassPath.forWorkers(List.of()));
        cp.add(0, WorkerClassPath.locationOf(PoolHolderMain.class));
        Process caller = new ProcessBuilder(WorkerLauncher.javaExecutable(), "-cp", WorkerClassPath.join(cp),
                PoolHolderMain.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> workers = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(caller.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("WORKERS ")) {
                    for (String pid : line.substring(8).trim().split(" ")) {
                        workers.add(Long.parseLong(pid));
                    }
                    break;
                }
            }
            assertEquals(2, workers.size(), "the caller reported its two workers");
            for (long pid : workers) {
                assertTrue(caller.descendants().anyMatch(p -> p.pid() == pid), "worker " + pid + " runs");
            }
            if (kill) {
                caller.destroyForcibly();
            }
            assertTrue(caller.waitFor(60, TimeUnit.SECONDS));
        } finally {
            caller.destroyForcibly();
        }
        for (long pid : workers) {
            ProcessPoolFailureTest.assertExits(pid);
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "worker " + pid + " exited");
        }
    }

    private static List<Long> childPids() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }
}
