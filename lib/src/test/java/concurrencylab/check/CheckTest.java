package concurrencylab.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {
    private static CheckFailed fails(Runnable check) {
        return assertThrows(CheckFailed.class, check::run);
    }

    @Test
    void thatFailsWithThePlainWordsAndTheHintOnTheirOwnLine() {
        assertDoesNotThrow(() -> Check.that(true, "wrong", "look again"));
        CheckFailed failed = fails(() -> Check.that(false, "the counter is 3", "count again"));
        assertEquals("the counter is 3\nHint: count again", failed.getMessage());
        assertEquals("the counter is 3", failed.whatIsWrong());
        assertEquals("count again", failed.hint());
        assertFalse(RuntimeException.class.equals(failed.getClass()));
        assertTrue(failed instanceof RuntimeException);
    }

    @Test
    void answeredRejectsNullAndBlankPlaceholdersAndReturnsTheValue() {
        assertTrue(fails(() -> Check.answered(null, "Exercise 1")).getMessage()
                .startsWith("Exercise 1: you have not answered yet"));
        assertTrue(fails(() -> Check.answered("  ", "Exercise 2")).getMessage().contains("not answered yet"));
        Integer four = 4;
        assertSame(four, Check.answered(four, "Exercise 1"));
        assertEquals(List.of(), Check.answered(List.of(), "Exercise 1"));
    }

    @Test
    void equalTreatsIntegralBoxesAlikeAndNamesBothValues() {
        assertDoesNotThrow(() -> Check.equal("n", 4, 4L, "h"));
        assertDoesNotThrow(() -> Check.equal("s", "ab", "ab", "h"));
        String message = fails(() -> Check.equal("Exercise 2: the count", 10, 7, "share the counter")).getMessage();
        assertEquals("Exercise 2: the count is 7, but it should be 10.\nHint: share the counter", message);
        assertTrue(fails(() -> Check.equal("word", "yes", null, "h")).getMessage().contains("is null"));
        fails(() -> Check.equal("x", 1.0, 1, "h"));   // a double and an int are different answers
    }

    @Test
    void listEqualsNamesTheFirstDifferenceOrTheLength() {
        assertDoesNotThrow(() -> Check.listEquals("l", List.of(1, 2), List.of(1L, 2L), "h"));
        assertAll(
                () -> assertTrue(fails(() -> Check.listEquals("l", List.of(1, 2, 3), List.of(1, 5, 3), "h"))
                        .getMessage().startsWith("l: element 1 is 5, but it should be 2.")),
                () -> assertTrue(fails(() -> Check.listEquals("l", List.of(1, 2), List.of(1, 2, 3), "h"))
                        .getMessage().startsWith("l has 3 element(s), but it should have 2.")),
                () -> assertTrue(fails(() -> Check.listEquals("l", List.of(1), null, "h"))
                        .getMessage().startsWith("l is null")));
    }

    @Test
    void closeToComparesWithTheStudentsOwnMeasurement() {
        assertDoesNotThrow(() -> Check.closeTo("speed-up", 1.9, 2.0, 0.1, "h"));
        assertDoesNotThrow(() -> Check.closeTo("speed-up", 2.15, 2.0, 0.1, "h"));
        String message = fails(() -> Check.closeTo("Exercise 3: your speed-up", 3.0, 2.0, 0.25, "read it off the table"))
                .getMessage();
        assertTrue(message.startsWith("Exercise 3: your speed-up is 3.00, but your own measurement in this notebook"
                + " gives 2.00 (accepted: within 25 %, 1.50 to 2.50)."), message);
        fails(() -> Check.closeTo("x", Double.NaN, 2.0, 0.25, "h"));
        assertThrows(IllegalArgumentException.class, () -> Check.closeTo("x", 1, Double.NaN, 0.25, "h"));
        assertThrows(IllegalArgumentException.class, () -> Check.closeTo("x", 1, 1, 0, "h"));
    }

    @Test
    void boundsAndPassed() {
        assertDoesNotThrow(() -> Check.atLeast("r", 1.0, 1.0, "h"));
        assertTrue(fails(() -> Check.atLeast("ratio", 0.5, 1.0, "h")).getMessage().startsWith("ratio is 0.500, but it should be at least 1.00."));
        assertDoesNotThrow(() -> Check.atMost("r", 1.0, 1.0, "h"));
        fails(() -> Check.atMost("r", 1.5, 1.0, "h"));
        assertEquals("Exercise 1: correct. Well done.", Check.passed("Exercise 1"));
    }

    @Test
    void blankExplanationsAreRejectedEarly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Check.that(false, " ", "h"));
        assertTrue(e.getMessage().contains("whatIsWrong"));
        assertThrows(IllegalArgumentException.class, () -> Check.answered(1, null));
    }
}
