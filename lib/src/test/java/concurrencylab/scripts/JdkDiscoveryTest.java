package concurrencylab.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests {@code bin/jdk.sh}, which every script sources to find a JDK 21 or newer, against fake
 * JDK folders whose {@code bin/java} reports a chosen version. The PATH holds only the shell tools
 * the script needs, so the machine's own {@code java} cannot leak into the result.
 */
class JdkDiscoveryTest {

    private static final Path ROOT = Path.of(System.getProperty("concurrency.lab.root", ".."))
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path tools;

    @BeforeEach
    void toolsOnly() throws Exception {
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("grep", "dirname", "readlink", "tr")) {
            Process which = new ProcessBuilder("bash", "-c", "command -v " + tool).start();
            String path = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(which.waitFor(10, TimeUnit.SECONDS) && !path.isEmpty(), "no " + tool + " on this machine");
            // A wrapper, not a symlink: JUnit warns when it deletes links that point outside @TempDir.
            script(tools.resolve(tool), "#!/bin/sh\nexec '" + path + "' \"$@\"\n");
        }
    }

    @Test
    void javaHomeOfVersion21OrNewerWins() throws Exception {
        Path home = fakeJdk("jdk-21", "21", true);
        fakeJdk("candidates/jdk-25", "25", true);
        Result r = discover(home, null, tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode, r.output);
        assertEquals(home.toString(), r.output.strip());
    }

    @Test
    void oldJavaHomeFallsThroughToTheNewestInstalledJdk() throws Exception {
        Path old = fakeJdk("jdk-17", "17", true);
        fakeJdk("candidates/jdk-21", "21", true);
        Path newest = fakeJdk("candidates/jdk-25", "25", true);
        fakeJdk("candidates/jdk-8", "1.8", true);
        Result r = discover(old, null, tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode, r.output);
        assertEquals(newest.toString(), r.output.strip());
    }

    @Test
    void javaOnThePathIsUsedWhenJavaHomeIsUnset() throws Exception {
        Path onPath = fakeJdk("path-jdk", "22", true);
        fakeJdk("candidates/jdk-25", "25", true);
        Result r = discover(null, onPath.resolve("bin"), tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode, r.output);
        assertEquals(onPath.toString(), r.output.strip());
    }

    @Test
    void aRuntimeWithoutJavacIsNotAJdk() throws Exception {
        fakeJdk("candidates/jre-25", "25", false);
        Path jdk = fakeJdk("candidates/jdk-21", "21", true);
        Result r = discover(null, null, tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode, r.output);
        assertEquals(jdk.toString(), r.output.strip());
    }

    @Test
    void noSuitableJdkStopsWithOneLineSayingWhatToInstall() throws Exception {
        Path old = fakeJdk("jdk-17", "17", true);
        Result r = discover(old, old.resolve("bin"), tmp.resolve("nothing-here/*").toString());
        assertEquals(1, r.exitCode, r.output);
        List<String> lines = r.output.strip().lines().toList();
        assertEquals(1, lines.size(), r.output);
        assertTrue(lines.get(0).startsWith("error: no JDK 21 or newer found"), r.output);
        assertTrue(lines.get(0).contains("install JDK 21+"), r.output);
    }

    private Path fakeJdk(String name, String specVersion, boolean withJavac) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve(name).resolve("bin"));
        script(bin.resolve("java"), "#!/bin/sh\necho '    java.specification.version = " + specVersion + "' >&2\n");
        if (withJavac) {
            script(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        }
        return tmp.resolve(name);
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exitCode, String output) {}

    /** Sources bin/jdk.sh in a clean environment and prints the JAVA_HOME it chose. */
    private Result discover(Path javaHome, Path extraPathDir, String candidateGlobs) throws Exception {
        String path = (extraPathDir == null ? "" : extraPathDir + ":") + tools;
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                ". \"$1\" && use_jdk && printf '%s\\n' \"$JAVA_HOME\"", "discover",
                ROOT.resolve("bin/jdk.sh").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", path);
        env.put("HOME", tmp.toString());
        env.put("CONCURRENCY_LAB_JDK_DIRS", candidateGlobs);
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bin/jdk.sh did not finish");
        return new Result(p.exitValue(), out);
    }
}
