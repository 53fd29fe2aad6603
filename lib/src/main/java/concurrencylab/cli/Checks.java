package concurrencylab.cli;

import java.util.Locale;

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

    /** The limits print with thousands separators ("1 and 500,000,000"), the value as given. */
    static void between(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "%s must be between %,d and %,d, got %d", option, min, max, value));
        }
    }
}
