package concurrencylab.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option-value checks that end in picocli's usage error (one line, exit code 2). */
final class Checks {

    private Checks() {
    }

    static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be at least " + min + ", got " + value);
        }
    }
}
