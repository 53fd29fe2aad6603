package concurrencylab.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The article's command-line programs, one subcommand each:
 *
 * <pre>
 * java -jar lib/target/concurrency-lab.jar pattern1 --executor thread -y 0 -n 3
 * java -jar lib/target/concurrency-lab.jar pattern2 --executor thread -x 100000000 -y 30
 * java -jar lib/target/concurrency-lab.jar pattern3 --executor thread
 * java -jar lib/target/concurrency-lab.jar async-pattern1 -y 0 -n 3
 * java -jar lib/target/concurrency-lab.jar cancel
 * java -jar lib/target/concurrency-lab.jar bench pool
 * java -jar lib/target/concurrency-lab.jar bench tiny -n 1000000
 * java -jar lib/target/concurrency-lab.jar pattern1 --help
 * </pre>
 *
 * <p>Exit codes: 0 done; 2 a bad option or value (one line on standard error starting
 * {@code error: }, plus a hint for usage errors); 1 a task failed unexpectedly; 130
 * interrupted. Never a stack trace.
 *
 * <p>{@link #run} does the work with the streams given, for tests and notebooks;
 * {@link #main} runs it on the standard streams and exits with its code.
 */
@Command(name = "concurrency-lab",
        subcommands = {Pattern1Command.class, Pattern2Command.class, Pattern3Command.class, BenchCommand.class,
                CancelCommand.class, AsyncPattern1Command.class},
        description = "The Python article's programs, in Java: threads and processes compared.")
public final class Main implements Callable<Integer> {

    /** Exit code for a bad option or value, as picocli's own usage errors. */
    public static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    // Inherited, so every subcommand has it too.
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    private Main() {
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command: pattern1, pattern2, pattern3, async-pattern1, cancel or bench");
    }

    /**
     * Runs one command line, printing to {@code out} and {@code err}.
     *
     * @return the exit code (see the class comment)
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, out.charset()), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, err.charset()), true);
        CommandLine commandLine = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(outWriter)
                .setErr(errWriter)
                .setParameterExceptionHandler((e, arguments) -> {
                    errWriter.println("error: " + e.getMessage());
                    errWriter.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                            + " --help' for more information.");
                    return USAGE_ERROR;
                })
                .setExecutionExceptionHandler((e, command, parseResult) -> reportFailure(e, errWriter));
        try {
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    private static int reportFailure(Exception e, PrintWriter err) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof IllegalArgumentException) {
            err.println("error: " + cause.getMessage());
            return USAGE_ERROR;
        }
        if (cause instanceof InterruptedException) {
            // Keep the status for a caller that runs this on its own thread (a notebook cell).
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 130;
        }
        err.println("error: a task failed: " + cause);
        return CommandLine.ExitCode.SOFTWARE;
    }
}
