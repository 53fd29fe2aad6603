package concurrencylab.notebook;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The notebook runner's command line.
 *
 * <pre>
 * java -jar runner/target/notebook-runner.jar run [--root notebooks] [--out build/notebooks]
 *      [--mode quick|full] [--cell-timeout 10m] [NOTEBOOK_OR_DIR...]
 * </pre>
 *
 * {@code run} executes each notebook in its own JVM ({@code execute} is what that JVM runs) and
 * exits with 0 when every notebook passed, 1 when any failed, 2 on bad arguments.
 */
@Command(name = "notebook-runner", mixinStandardHelpOptions = true,
        description = "Executes Jupyter notebooks for the JJava kernel headless, in JShell, with the kernel's semantics.",
        subcommands = {RunCommand.class, ExecuteCommand.class})
public final class NotebookRunnerCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NotebookRunnerCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
