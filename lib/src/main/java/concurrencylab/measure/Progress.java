package concurrencylab.measure;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints an experiment's progress, one plain line per step (no carriage returns, which
 * notebooks render badly): a header, a line per finished grid point, a line per run only
 * when a run is slow, and a closing line; an interleaved experiment also gets a line per round
 * and prints its per-point lines at the end, when every point has all its runs. Each step line shows the time elapsed and an
 * estimate of the time left (elapsed per finished run times the runs left).
 *
 * <p>Not thread-safe: used by the thread that runs the experiment.
 */
final class Progress {

    private final PrintStream out;          // null: silent
    private final String scenario;
    private final int points;
    private final int totalRuns;
    private final double slowRunSeconds;
    private final long startNanos = System.nanoTime();
    private int runsDone;

    Progress(PrintStream out, String scenario, int points, int warmups, int repetitions, double slowRunSeconds,
             boolean interleaved) {
        this.out = out;
        this.scenario = scenario;
        this.points = points;
        this.totalRuns = points * (warmups + repetitions);
        this.slowRunSeconds = slowRunSeconds;
        print(scenario + ": " + points + (points == 1 ? " grid point" : " grid points") + " x ("
                + plural(warmups, "warm-up", "warm-ups") + " + " + plural(repetitions, "repetition", "repetitions")
                + ") = " + plural(totalRuns, "run", "runs") + (interleaved ? ", interleaved" : ""));
    }

    /** After a round of an interleaved experiment, which visited every grid point once. */
    void roundDone(String round) {
        print("[" + round + "] " + timing());
    }

    /** After one run: a line only when the run was slow, so fast grids do not flood the output. */
    void ranOne(int pointIndex, String label, String stage, double seconds) {
        runsDone++;
        if (seconds > slowRunSeconds) {
            print(prefix(pointIndex) + label + " " + stage + ": " + duration(seconds) + "  " + timing());
        }
    }

    /** After the last repetition of a grid point. */
    void pointDone(int pointIndex, String label, double medianSeconds) {
        print(prefix(pointIndex) + label + ": median " + duration(medianSeconds) + "  " + timing());
    }

    void finished() {
        print(scenario + ": done, " + plural(totalRuns, "run", "runs") + " in " + elapsed(elapsedSeconds()));
    }

    private String prefix(int pointIndex) {
        return "[" + (pointIndex + 1) + "/" + points + "] ";
    }

    private String timing() {
        double elapsed = elapsedSeconds();
        int left = totalRuns - runsDone;
        if (left <= 0 || runsDone == 0) {
            return "elapsed " + elapsed(elapsed);
        }
        return "elapsed " + elapsed(elapsed) + ", ~" + elapsed(elapsed / runsDone * left) + " left";
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void print(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A measured duration with three significant figures: 412 ms, 1.23 s, 85.0 µs. */
    static String duration(double seconds) {
        if (seconds >= 1) {
            return threeFigures(seconds) + " s";
        }
        if (seconds >= 1e-3) {
            return threeFigures(seconds * 1e3) + " ms";
        }
        return threeFigures(seconds * 1e6) + " µs";
    }

    // Fixed-point, never an exponent: 123, 12.3, 1.23.
    private static String threeFigures(double x) {
        String pattern = x >= 99.95 ? "%.0f" : x >= 9.995 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, x);
    }

    /** A wall-clock span for humans: 4.1 s, 2 min 05 s, 1 h 02 min. */
    static String elapsed(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
    }
}
