package concurrencylab.scripts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A clean environment for testing the project's shell scripts: a folder of wrappers for just the
 * tools a script needs (so the machine's own {@code java} or {@code jupyter} cannot leak in), and
 * a way to run a script with only the variables a test gives it.
 */
final class ScriptSandbox {

    /** The repository root, set by the build (see lib/pom.xml). */
    static final Path ROOT = Path.of(System.getProperty("concurrency.lab.root", ".."))
            .toAbsolutePath().normalize();

    record Result(int exitCode, String output) {}

    private ScriptSandbox() {
    }

    /** Creates {@code dir} with a wrapper for each tool, found on this machine's PATH. */
    static Path toolsOnly(Path dir, String... tools) throws Exception {
        Files.createDirectories(dir);
        for (String tool : tools) {
            Process which = new ProcessBuilder("bash", "-c", "command -v " + tool).start();
            String path = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(which.waitFor(10, TimeUnit.SECONDS) && !path.isEmpty(), "no " + tool + " on this machine");
            // A wrapper, not a symlink: JUnit warns when it deletes links that point outside @TempDir.
            script(dir.resolve(tool), "#!/bin/sh\nexec '" + path + "' \"$@\"\n");
        }
        return dir;
    }

    /** Writes an executable script. */
    static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs {@code command} with exactly {@code env} as its environment; stderr joins stdout. */
    static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), command + " did not finish: " + out);
        return new Result(p.exitValue(), out);
    }
}
