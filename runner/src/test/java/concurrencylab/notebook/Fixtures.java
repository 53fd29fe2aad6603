package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: a writable copy of the fixture notebooks, a tiny jar and class folder, the CLI in-process. */
final class Fixtures {
    private Fixtures() {
    }

    /** Output and exit code of one CLI invocation. */
    record CliRun(int exitCode, String output) {
    }

    static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        var cli = NotebookRunnerCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString());
    }

    /** Copies src/test/resources/fixtures into {@code target} and builds the jar and classes the notebooks use. */
    static Path copyFixtures(Path target) throws IOException, URISyntaxException {
        Path source = Path.of(Fixtures.class.getResource("/fixtures").toURI());
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        Path passing = target.resolve("passing");
        compileJar(target.resolve("build-greeting"), passing.resolve("jars/greeting-1.0.jar"), "greeting/Greeter.java", """
                package greeting;
                public final class Greeter {
                    public static String hello(String who) { return "hello, " + who + "!"; }
                }
                """);
        compile(passing.resolve("classes"), "shouting/Shout.java", """
                package shouting;
                public final class Shout {
                    public static String loud(String text) { return text.toUpperCase(java.util.Locale.ROOT); }
                }
                """);
        // Jupyter's autosave copies: never to be run. This one would fail if it were.
        Path checkpoint = passing.resolve(".ipynb_checkpoints/kernel_semantics-checkpoint.ipynb");
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(checkpoint, Files.readString(target.resolve("failing/exception.ipynb")));
        return target;
    }

    private static void compile(Path classes, String file, String code) throws IOException {
        Path sources = Files.createTempDirectory("fixture-src");
        Path java = sources.resolve(file);
        Files.createDirectories(java.getParent());
        Files.writeString(java, code);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "21", "-d", classes.toString(), java.toString());
        assertEquals(0, rc, "fixture class does not compile: " + file);
    }

    private static void compileJar(Path classes, Path jar, String file, String code) throws IOException {
        compile(classes, file, code);
        Files.createDirectories(jar.getParent());
        try (OutputStream bytes = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(bytes);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
    }

    static JsonNode read(Path notebook) throws IOException {
        return NotebookJson.read(notebook);
    }

    /** Cell {@code number} (1-based, counting every cell) of an executed notebook. */
    static JsonNode cell(JsonNode notebook, int number) {
        return notebook.get("cells").get(number - 1);
    }

    static List<JsonNode> outputs(JsonNode cell, String type) {
        List<JsonNode> found = new ArrayList<>();
        cell.path("outputs").forEach(o -> {
            if (o.path("output_type").asText().equals(type)) {
                found.add(o);
            }
        });
        return found;
    }

    /** Joins an nbformat multi-line string (list of lines or one string). */
    static String text(JsonNode multiline) {
        return NotebookJson.text(multiline);
    }
}
