package concurrencylab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class PythonCompanionTest {

    @TempDir
    Path tmp;

    private PythonCompanion python;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void needsPython() {
        var found = PythonCompanion.find();
        assumeTrue(found.isPresent(), PythonCompanion.MISSING);
        python = found.get().withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void readsTheCsvTheProgramPrintsAndForwardsItsStandardError() throws Exception {
        Path script = script("ok.py", """
                import sys
                print("measuring...", file=sys.stderr)
                print("language,workers,seconds")
                print("python,1,0.5")
                print("python,2,0.25")
                """);
        Table runs = python.run(script);
        assertEquals(2, runs.rowCount());
        assertEquals(2, runs.intColumn("workers").getInt(1));
        assertEquals(0.25, runs.doubleColumn("seconds").getDouble(1));
        assertEquals("python", runs.stringColumn("language").get(0));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("measuring..."));
        assertTrue(python.version().startsWith("3."), python.version());
    }

    @Test
    void passesArgumentsAndRunsInTheScriptsFolder() throws Exception {
        Path script = script("args.py", """
                import os, sys
                print("arg,folder")
                print(sys.argv[1] + "," + os.path.basename(os.getcwd()))
                """);
        Table runs = python.run(script, "hello");
        assertEquals("hello", runs.stringColumn("arg").get(0));
        assertEquals(tmp.getFileName().toString(), runs.stringColumn("folder").get(0));
    }

    @Test
    void aFailingProgramIsAnErrorWithItsLastStandardErrorLines() throws Exception {
        Path script = script("fails.py", "raise SystemExit('bad size: -1')\n");
        var e = assertThrows(IllegalStateException.class, () -> python.run(script));
        assertTrue(e.getMessage().contains("fails.py failed with exit status 1"), e.getMessage());
        assertTrue(e.getMessage().contains("bad size: -1"), e.getMessage());
    }

    @Test
    void noOutputAndMissingScriptsAreClearErrors() throws Exception {
        Path silent = script("silent.py", "pass\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> python.run(silent))
                .getMessage().contains("printed no results"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> python.run(tmp.resolve("nope.py")))
                .getMessage().contains("no Python program at"));
    }

    @Test
    void theTimeLimitEndsTheProgram() throws Exception {
        Path script = script("slow.py", "import time\ntime.sleep(600)\n");
        var e = assertThrows(IllegalStateException.class,
                () -> python.withTimeout(Duration.ofMillis(500)).run(script));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    }

    @Test
    void anInterruptEndsTheProgramAndTheProcessesItStarted() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        Path script = script("pool.py", """
                import subprocess, sys, time
                child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
                open(sys.argv[1], "w").write(str(child.pid))
                print("started", file=sys.stderr)
                time.sleep(600)
                """);
        var failure = new AtomicReference<Throwable>();
        var started = new CountDownLatch(1);
        Thread cell = new Thread(() -> {
            started.countDown();
            try {
                python.run(script, pidFile.toString());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        cell.start();
        started.await();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(pidFile), "the Python program never started its child");
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        cell.interrupt();
        cell.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(!cell.isAlive(), "run() did not return after the interrupt");
        assertTrue(failure.get() instanceof InterruptedException, String.valueOf(failure.get()));
        var child = ProcessHandle.of(childPid);
        if (child.isPresent()) {
            child.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private Path script(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }
}
