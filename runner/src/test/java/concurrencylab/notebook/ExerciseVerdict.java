package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges an executed, unsolved exercise notebook: every check cell (nbgrader {@code grade: true})
 * must fail with a {@code CheckFailed} that gives a hint, and every other code cell must run
 * without error. A check that passes on the unsolved exercise could never fail a student, and
 * an exercise that breaks before its checks cannot be worked; both are problems.
 *
 * <pre>{@code
 * List<String> problems = ExerciseVerdict.problems("04_..._exercises.ipynb", executedJson);
 * assertEquals(List.of(), problems);
 * }</pre>
 */
final class ExerciseVerdict {
    static final String CHECK_FAILED = "concurrencylab.check.CheckFailed";

    private ExerciseVerdict() {
    }

    /** What is wrong with the executed exercise {@code name}, one line each; empty when it is as it must be. */
    static List<String> problems(String name, JsonNode executed) {
        List<String> problems = new ArrayList<>();
        JsonNode cells = executed.path("cells");
        int checks = 0;
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            List<JsonNode> errors = new ArrayList<>();
            cell.path("outputs").forEach(o -> {
                if ("error".equals(o.path("output_type").asText())) {
                    errors.add(o);
                }
            });
            String where = name + " cell " + (i + 1);
            if (!cell.path("metadata").path("nbgrader").path("grade").asBoolean(false)) {
                if (!errors.isEmpty()) {
                    problems.add(where + " is not a check cell but failed: " + summary(errors.get(0)));
                }
                continue;
            }
            checks++;
            if (errors.isEmpty()) {
                problems.add(where + " is a check cell that passed on the unsolved exercise: it cannot fail a student");
            } else if (!CHECK_FAILED.equals(errors.get(0).path("ename").asText())) {
                problems.add(where + " is a check cell that failed by " + summary(errors.get(0)) + ", not by a check");
            } else if (!errors.get(0).path("evalue").asText().contains("\nHint: ")) {
                problems.add(where + " is a check cell whose failure gives no hint: " + summary(errors.get(0)));
            }
        }
        if (checks == 0) {
            problems.add(name + " has no check cell (nbgrader grade: true)");
        }
        return problems;
    }

    private static String summary(JsonNode error) {
        return error.path("ename").asText() + ": " + error.path("evalue").asText();
    }
}
