package concurrencylab.notebook;

import java.util.List;

/**
 * A cell's failure as nbformat records it in an {@code error} output: the error's name (an
 * exception class, or a kind such as {@code CompilationError}), its message, and the traceback
 * lines shown below them.
 */
record CellError(String ename, String evalue, List<String> traceback) {
    CellError {
        traceback = List.copyOf(traceback);
    }

    /** The one-line form used in logs and summaries: {@code ename: evalue}. */
    String summary() {
        return evalue.isEmpty() ? ename : ename + ": " + evalue.lines().findFirst().orElse("");
    }
}
