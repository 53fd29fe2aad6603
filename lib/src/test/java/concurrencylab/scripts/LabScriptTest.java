package concurrencylab.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import concurrencylab.scripts.ScriptSandbox.Result;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests what {@code bin/lab} says when JupyterLab or the JJava kernel is missing. The PATH holds
 * only the shell tools the script needs and, in some tests, a fake {@code jupyter}, so the
 * machine's own Jupyter (or its absence) cannot change the result. The script stops before it
 * builds anything or starts JupyterLab in all of these cases.
 */
class LabScriptTest {

    @TempDir
    Path tmp;

    private Path tools;

    @BeforeEach
    void toolsOnly() throws Exception {
        tools = ScriptSandbox.toolsOnly(tmp.resolve("tools"), "grep", "dirname");
    }

    @Test
    void withoutJupyterItNamesBothMissingPiecesAndHowToInstallThem() throws Exception {
        Result r = lab();
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("JupyterLab (no 'jupyter' command on the PATH)"), r.output());
        assertTrue(r.output().contains("kernelspec 'java'"), r.output());
        assertTrue(r.output().contains("pip install jupyterlab==") && r.output().contains("jjava=="), r.output());
        assertFalse(r.output().contains("Starting JupyterLab"), r.output());
    }

    @Test
    void withJupyterLabButNoJavaKernelItNamesOnlyTheKernel() throws Exception {
        fakeJupyter(true, List.of("  python3    /somewhere/kernels/python3"));
        Result r = lab();
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("no kernelspec 'java' in 'jupyter kernelspec list'"), r.output());
        assertFalse(r.output().contains("- JupyterLab"), r.output());
    }

    @Test
    void withTheKernelButABrokenJupyterLabItNamesOnlyJupyterLab() throws Exception {
        fakeJupyter(false, List.of("  java       /somewhere/kernels/java", "  python3    /somewhere/kernels/python3"));
        Result r = lab();
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("'jupyter lab --version' fails"), r.output());
        assertFalse(r.output().contains("kernelspec 'java'"), r.output());
    }

    /** A jupyter whose `lab --version` works or fails and whose `kernelspec list` prints {@code kernels}. */
    private void fakeJupyter(boolean labWorks, List<String> kernels) throws IOException {
        StringBuilder lines = new StringBuilder("'Available kernels:'");
        kernels.forEach(k -> lines.append(" '").append(k).append("'"));
        ScriptSandbox.script(tools.resolve("jupyter"), "#!/bin/sh\n"
                + "case \"$1 $2\" in\n"
                + "  'lab --version') " + (labWorks ? "echo 4.4.10; exit 0" : "echo 'No such command: lab' >&2; exit 1") + " ;;\n"
                + "  'kernelspec list') printf '%s\\n' " + lines + " ;;\n"
                + "  *) echo \"unexpected: $*\" >&2; exit 3 ;;\n"
                + "esac\n");
    }

    private Result lab() throws Exception {
        return ScriptSandbox.run(List.of("bash", ScriptSandbox.ROOT.resolve("bin/lab").toString()),
                Map.of("PATH", tools.toString(), "HOME", tmp.toString()));
    }
}
