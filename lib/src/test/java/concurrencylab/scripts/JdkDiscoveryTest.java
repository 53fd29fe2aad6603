package concurrencylab.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import concurrencylab.scripts.ScriptSandbox.Result;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests {@code bin/jdk.sh}, which every script sources to find a JDK 21 or newer, against fake
 * JDK folders whose {@code bin/java} reports a chosen version. The PATH holds only the shell tools
 * the script needs, so the machine's own {@code java} cannot leak into the result.
 */
class JdkDiscoveryTest {

    @TempDir
    Path tmp;

    private Path tools;

    @BeforeEach
    void toolsOnly() throws Exception {
        tools = ScriptSandbox.toolsOnly(tmp.resolve("tools"), "grep", "dirname", "readlink", "tr");
    }

    @Test
    void javaHomeOfVersion21OrNewerWins() throws Exception {
        Path home = fakeJdk("jdk-21", "21", true);
        fakeJdk("candidates/jdk-25", "25", true);
        Result r = discover(home, null, tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(home.toString(), r.output().strip());
    }

    @Test
    void oldJavaHomeFallsThroughToTheNewestInstalledJdk() throws Exception {
        Path old = fakeJdk("jdk-17", "17", true);
        fakeJdk("candidates/jdk-21", "21", true);
        Path newest = fakeJdk("candidates/jdk-25", "25", true);
        fakeJdk("candidates/jdk-8", "1.8", true);
        Result r = discover(old, null, tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(newest.toString(), r.output().strip());
    }

    @Test
    void javaOnThePathIsUsedWhenJavaHomeIsUnset() throws Exception {
        Path onPath = fakeJdk("path-jdk", "22", true);
        fakeJdk("candidates/jdk-25", "25", true);
        Result r = discover(null, onPath.resolve("bin"), tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(onPath.toString(), r.output().strip());
    }

    @Test
    void aRuntimeWithoutJavacIsNotAJdk() throws Exception {
        fakeJdk("candidates/jre-25", "25", false);
        Path jdk = fakeJdk("candidates/jdk-21", "21", true);
        Result r = discover(null, null, tmp.resolve("candidates/*").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(jdk.toString(), r.output().strip());
    }

    @Test
    void noSuitableJdkStopsWithOneLineSayingWhatToInstall() throws Exception {
        Path old = fakeJdk("jdk-17", "17", true);
        Result r = discover(old, old.resolve("bin"), tmp.resolve("nothing-here/*").toString());
        assertEquals(1, r.exitCode(), r.output());
        List<String> lines = r.output().strip().lines().toList();
        assertEquals(1, lines.size(), r.output());
        assertTrue(lines.get(0).startsWith("error: no JDK 21 or newer found"), r.output());
        assertTrue(lines.get(0).contains("install JDK 21+"), r.output());
    }

    private Path fakeJdk(String name, String specVersion, boolean withJavac) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve(name).resolve("bin"));
        ScriptSandbox.script(bin.resolve("java"), "#!/bin/sh\necho '    java.specification.version = " + specVersion + "' >&2\n");
        if (withJavac) {
            ScriptSandbox.script(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        }
        return tmp.resolve(name);
    }

    /** Sources bin/jdk.sh in a clean environment and prints the JAVA_HOME it chose. */
    private Result discover(Path javaHome, Path extraPathDir, String candidateGlobs) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", (extraPathDir == null ? "" : extraPathDir + ":") + tools);
        env.put("HOME", tmp.toString());
        env.put("CONCURRENCY_LAB_JDK_DIRS", candidateGlobs);
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        return ScriptSandbox.run(List.of("bash", "-c", ". \"$1\" && use_jdk && printf '%s\\n' \"$JAVA_HOME\"",
                "discover", ScriptSandbox.ROOT.resolve("bin/jdk.sh").toString()), env);
    }
}
