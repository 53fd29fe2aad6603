package concurrencylab.check;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The checks of the exercise notebooks: each one either returns quietly or throws
 * {@link CheckFailed} with what is wrong in plain words and a hint. A check cell names the
 * exercise, checks the answer was given at all, then checks the answer, and ends with
 * {@link #passed} so the cell shows the good news:
 *
 * <pre>{@code
 * Check.answered(workersNeeded, "Exercise 1");
 * Check.equal("Exercise 1: the number of worker JVMs", 4, workersNeeded,
 *         "count the tasks that can run at the same time");
 * Check.passed("Exercise 1")
 * }</pre>
 *
 * <p>Machine-dependent answers are compared with the student's own measurement, made in the
 * same notebook, never with a figure from another machine: {@link #closeTo} for a number read
 * off a measurement, {@link #atLeast}/{@link #atMost} for a claim that one thing is faster.
 *
 * <p>Every check accepts every correct answer: compare the property the exercise asks for
 * (a value, a list's contents, a relation between measurements), not the way our solution
 * happens to compute it. Stateless; safe to call from any thread.
 */
public final class Check {
    private Check() {
    }

    /**
     * Fails with {@code whatIsWrong} and {@code hint} unless {@code ok}.
     *
     * @throws CheckFailed if {@code ok} is false
     */
    public static void that(boolean ok, String whatIsWrong, String hint) {
        requireText(whatIsWrong, "whatIsWrong");
        requireText(hint, "hint");
        if (!ok) {
            throw new CheckFailed(whatIsWrong, hint);
        }
    }

    /**
     * Fails with "you have not answered yet" while {@code value} is still the exercise's
     * placeholder: {@code null}, or a blank string.
     *
     * @param exercise how the message names the exercise, e.g. "Exercise 1"
     * @return {@code value}, so a check can go on with it
     * @throws CheckFailed if {@code value} is null or a blank string
     */
    public static <T> T answered(T value, String exercise) {
        requireText(exercise, "exercise");
        boolean missing = value == null || value instanceof CharSequence text && text.toString().isBlank();
        that(!missing, exercise + ": you have not answered yet (the answer is still "
                        + (value == null ? "null" : "empty") + ").",
                "replace the placeholder in the answer cell above, run that cell, then run this check again.");
        return value;
    }

    /**
     * Fails unless {@code actual} equals {@code expected} ({@link Objects#equals}; numbers of
     * different boxed types, e.g. an {@code Integer} 4 and a {@code Long} 4, count as equal).
     *
     * @param what what the value is, e.g. "Exercise 2: the final value of counter"
     */
    public static void equal(String what, Object expected, Object actual, String hint) {
        requireText(what, "what");
        that(sameValue(expected, actual),
                what + " is " + show(actual) + ", but it should be " + show(expected) + ".", hint);
    }

    /** Fails unless the two lists hold equal elements in the same order; the message names the first difference. */
    public static void listEquals(String what, List<?> expected, List<?> actual, String hint) {
        requireText(what, "what");
        Objects.requireNonNull(expected, "expected");
        that(actual != null, what + " is null, but it should be a list of " + expected.size() + " element(s).", hint);
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            that(sameValue(expected.get(i), actual.get(i)), what + ": element " + i + " is " + show(actual.get(i))
                    + ", but it should be " + show(expected.get(i)) + ".", hint);
        }
        that(expected.size() == actual.size(), what + " has " + actual.size() + " element(s), but it should have "
                + expected.size() + ".", hint);
    }

    /**
     * Fails unless {@code claimed} is within {@code relativeTolerance} (e.g. 0.25 for 25 %) of
     * {@code measured}, the student's own measurement.
     *
     * @throws IllegalArgumentException if {@code measured} is not a finite number or the tolerance is outside (0, 1]
     */
    public static void closeTo(String what, double claimed, double measured, double relativeTolerance, String hint) {
        requireText(what, "what");
        if (!Double.isFinite(measured)) {
            throw new IllegalArgumentException("measured must be a finite number, got " + measured);
        }
        if (!(relativeTolerance > 0 && relativeTolerance <= 1)) {
            throw new IllegalArgumentException("relativeTolerance must be in (0, 1], got " + relativeTolerance);
        }
        double allowed = Math.abs(measured) * relativeTolerance;
        that(Double.isFinite(claimed) && Math.abs(claimed - measured) <= allowed,
                String.format(Locale.ROOT, "%s is %s, but your own measurement in this notebook gives %s"
                                + " (accepted: within %.0f %%, %s to %s).", what, number(claimed), number(measured),
                        relativeTolerance * 100, number(measured - allowed), number(measured + allowed)), hint);
    }

    /** Fails unless {@code value >= minimum}; {@code value} is usually measured, e.g. a speed-up. */
    public static void atLeast(String what, double value, double minimum, String hint) {
        requireText(what, "what");
        that(value >= minimum, what + " is " + number(value) + ", but it should be at least " + number(minimum) + ".", hint);
    }

    /** Fails unless {@code value <= maximum}. */
    public static void atMost(String what, double value, double maximum, String hint) {
        requireText(what, "what");
        that(value <= maximum, what + " is " + number(value) + ", but it should be at most " + number(maximum) + ".", hint);
    }

    /** The line a check cell ends with when every check passed, e.g. "Exercise 1: correct. Well done." */
    public static String passed(String exercise) {
        requireText(exercise, "exercise");
        return exercise + ": correct. Well done.";
    }

    private static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof Number e && actual instanceof Number a && isIntegral(e) && isIntegral(a)) {
            return e.longValue() == a.longValue();
        }
        return Objects.equals(expected, actual);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static String show(Object value) {
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static void requireText(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-blank text, got " + (text == null ? "null" : "\"" + text + "\""));
        }
    }
}
