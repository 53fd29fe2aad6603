package concurrencylab.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Checks the Binder configuration in {@code binder/} without building it (that needs Docker and
 * PyPI): the files parse, every version is pinned, the JDK satisfies the build's release, the
 * build step is the main job's, and {@code start} hands over to JupyterLab.
 */
class BinderConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("concurrency.lab.root", ".."))
            .toAbsolutePath().normalize();
    private static final Path BINDER = ROOT.resolve("binder");

    /** A conda spec pinned to one version: name=1.2 or name=1.2.3 (no ranges, no wildcards). */
    private static final Pattern CONDA_PIN = Pattern.compile("([A-Za-z0-9_.-]+)=(\\d+(?:\\.\\d+)+)");
    /** A pip requirement pinned to one version: name==1.0a8. */
    private static final Pattern PIP_PIN = Pattern.compile("([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.+-]*)");

    @Test
    void environmentParsesAndPinsEveryCondaPackageFromCondaForge() throws IOException {
        JsonNode env = environment();
        List<String> channels = new ArrayList<>();
        env.path("channels").forEach(c -> channels.add(c.asText()));
        assertEquals("conda-forge", channels.isEmpty() ? null : channels.get(0), "channels: " + channels);

        Map<String, String> conda = condaPins(env);
        for (String needed : List.of("python", "jupyterlab", "openjdk", "maven")) {
            assertTrue(conda.containsKey(needed), "environment.yml lacks " + needed + ": " + conda);
        }
    }

    @Test
    void theKernelPackageIsPinned() throws IOException {
        Map<String, String> pip = pipPins(environment());
        assertTrue(pip.containsKey("jjava"), "the JJava kernel (pip package jjava) is not pinned: " + pip);
        assertTrue(condaPins(environment()).containsKey("pip"), "a pip: section needs pip itself, pinned");
    }

    @Test
    void theJdkSatisfiesTheReleaseThePomCompilesFor() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
        String release = pom.getElementsByTagName("maven.compiler.release").item(0).getTextContent().strip();
        String jdk = condaPins(environment()).get("openjdk");
        assertNotNull(jdk, "no openjdk in environment.yml");
        int major = Integer.parseInt(jdk.split("\\.")[0]);
        assertTrue(major >= Integer.parseInt(release),
                "openjdk " + jdk + " in environment.yml cannot build for release " + release);
    }

    @Test
    void aptInstallsFontsForHeadlessCharts() throws IOException {
        List<String> packages = Files.readAllLines(BINDER.resolve("apt.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(packages.contains("fontconfig"), "apt.txt: " + packages);
        assertTrue(packages.contains("fonts-dejavu-core"), "apt.txt: " + packages);
    }

    @Test
    void postBuildIsAnExecutableBashScriptThatStopsOnTheFirstError() throws Exception {
        Path postBuild = BINDER.resolve("postBuild");
        List<String> lines = Files.readAllLines(postBuild);
        assertTrue(lines.get(0).startsWith("#!") && lines.get(0).contains("bash"), "shebang: " + lines.get(0));
        assertTrue(lines.size() > 1 && lines.get(1).strip().matches("set -[a-z]*e[a-z]*( .*)?"),
                "the line after the shebang must be `set -e`, not: " + (lines.size() > 1 ? lines.get(1) : "(none)"));
        assertExecutable(postBuild);
    }

    @Test
    void postBuildBuildsTheJarWithTheMainJobsCommand() throws IOException {
        String command = mavenCommand(ROOT.resolve("bin/run-all"));
        assertTrue(command.contains("package"), "bin/run-all's build step: " + command);
        assertEquals(command, mavenCommand(BINDER.resolve("postBuild")));
        assertTrue(Files.readString(BINDER.resolve("postBuild")).contains("lib/target/concurrency-lab.jar"),
                "postBuild should check that the jar was built");
    }

    @Test
    void theReadmeAndBinLabUseTheSameBuildCommand() throws IOException {
        String command = mavenCommand(ROOT.resolve("bin/run-all"));
        assertTrue(Files.readString(ROOT.resolve("README.md")).contains(command),
                "README.md does not show the build command: " + command);
        assertEquals(command, mavenCommand(ROOT.resolve("bin/lab")));
    }

    @Test
    void startEndsByHandingOverToItsArguments() throws Exception {
        Path start = BINDER.resolve("start");
        List<String> code = Files.readAllLines(start).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("exec \"$@\"", code.get(code.size() - 1));
        assertExecutable(start);
    }

    @Test
    void startGivesTheKernelAHeadlessJvmWithAHeapThatFitsBinder() throws Exception {
        Map<String, String> env = runStart(Map.of());
        String opts = env.get("JJAVA_JVM_OPTS");
        assertNotNull(opts, "start does not set JJAVA_JVM_OPTS: " + env);
        assertTrue(opts.contains("-Djava.awt.headless=true"), opts);
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(opts);
        assertTrue(xmx.find(), "no -Xmx in " + opts);
        long mib = Long.parseLong(xmx.group(1)) * (xmx.group(2).equalsIgnoreCase("g") ? 1024 : 1);
        // Binder has about 2 GB for JupyterLab, the kernel and the pool's worker JVMs together.
        assertTrue(mib >= 256 && mib <= 1024, "kernel heap " + mib + " MiB does not fit Binder's 2 GB");
        assertEquals("quick", env.get("CONCURRENCY_LAB_MODE"));
    }

    @Test
    void startKeepsWhatTheCallerSet() throws Exception {
        Map<String, String> env = runStart(Map.of("CONCURRENCY_LAB_MODE", "full", "JJAVA_JVM_OPTS", "-Xmx300m"));
        assertEquals("full", env.get("CONCURRENCY_LAB_MODE"));
        assertEquals("-Xmx300m", env.get("JJAVA_JVM_OPTS"));
    }

    @Test
    void theReadmeLaunchesBinderAtTheOverviewNotebook() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher link = Pattern.compile("https://mybinder\\.org/v2/gh/[^)\\s]*urlpath=lab/tree/([^)\\s&]+)").matcher(readme);
        assertTrue(link.find(), "no Binder link opening JupyterLab in README.md");
        assertTrue(Files.isRegularFile(ROOT.resolve(link.group(1))), "the Binder link opens a missing file: " + link.group(1));
        assertTrue(link.group(1).endsWith("00_overview.ipynb"), link.group(1));
    }

    private static JsonNode environment() throws IOException {
        JsonNode env = new ObjectMapper(new YAMLFactory()).readTree(BINDER.resolve("environment.yml").toFile());
        assertTrue(env != null && env.path("dependencies").isArray(), "environment.yml has no dependencies list");
        return env;
    }

    /** The conda packages by name, each checked to be pinned to one version. */
    private static Map<String, String> condaPins(JsonNode env) {
        Map<String, String> pins = new HashMap<>();
        for (JsonNode dependency : env.path("dependencies")) {
            if (dependency.isTextual()) {
                Matcher m = CONDA_PIN.matcher(dependency.asText().strip());
                assertTrue(m.matches(), "conda dependency not pinned to one version: '" + dependency.asText() + "'");
                pins.put(m.group(1), m.group(2));
            }
        }
        return pins;
    }

    /** The pip requirements by name, each checked to be pinned with ==. */
    private static Map<String, String> pipPins(JsonNode env) {
        Map<String, String> pins = new HashMap<>();
        for (JsonNode dependency : env.path("dependencies")) {
            for (JsonNode requirement : dependency.path("pip")) {
                Matcher m = PIP_PIN.matcher(requirement.asText().strip());
                assertTrue(m.matches(), "pip requirement not pinned with ==: '" + requirement.asText() + "'");
                pins.put(m.group(1).toLowerCase(), m.group(2));
            }
        }
        return pins;
    }

    /** The one line of a script that runs Maven. */
    private static String mavenCommand(Path script) throws IOException {
        List<String> commands = Files.readAllLines(script).stream()
                .map(String::strip).filter(l -> l.startsWith("mvn ")).toList();
        assertEquals(1, commands.size(), script + " should run Maven exactly once: " + commands);
        return commands.get(0);
    }

    private static void assertExecutable(Path script) throws Exception {
        assertTrue(Files.isExecutable(script), script + " is not executable");
        // What a clone gets is the mode git recorded, not this checkout's.
        Process git = new ProcessBuilder("git", "ls-files", "-s", ROOT.relativize(script).toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(git.waitFor(30, TimeUnit.SECONDS), "git ls-files did not finish");
        if (git.exitValue() == 0 && !out.isEmpty()) {
            assertTrue(out.startsWith("100755 "), script + " is not executable in git: " + out);
        }
    }

    /** Runs binder/start with a clean environment plus {@code extra} and returns what it hands over. */
    private static Map<String, String> runStart(Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(BINDER.resolve("start").toString(), "env").redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.putAll(extra);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "binder/start did not finish");
        assertEquals(0, p.exitValue(), out);
        Map<String, String> handedOver = new HashMap<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> handedOver.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertFalse(handedOver.isEmpty(), out);
        return handedOver;
    }
}
