package concurrencylab.check;

/**
 * An exercise's check found a wrong or missing answer. The message is for the student: what is
 * wrong in plain words, then a line {@code Hint: ...}. It is a {@link RuntimeException}, not an
 * {@link AssertionError}, so that a notebook shows it as an ordinary error with its explanation
 * and graders (nbgrader) count the check cell as failed.
 *
 * <p>Thrown by {@link Check}; notebooks do not create it themselves.
 */
public final class CheckFailed extends RuntimeException {
    private final String whatIsWrong;
    private final String hint;

    CheckFailed(String whatIsWrong, String hint) {
        // No stack trace: the student needs the explanation, not the library's frames.
        super(whatIsWrong + "\nHint: " + hint, null, false, false);
        this.whatIsWrong = whatIsWrong;
        this.hint = hint;
    }

    /** What is wrong, without the hint. */
    public String whatIsWrong() {
        return whatIsWrong;
    }

    /** The hint that points towards a correct answer. */
    public String hint() {
        return hint;
    }
}
