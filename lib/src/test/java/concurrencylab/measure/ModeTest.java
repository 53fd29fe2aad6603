package concurrencylab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void defaultsToFullWhenNothingIsSet() {
        assertEquals(Mode.FULL, Mode.resolve(null, null));
        assertEquals(Mode.FULL, Mode.resolve("", "  "));
    }

    @Test
    void propertyBeatsEnvironment() {
        assertEquals(Mode.QUICK, Mode.resolve("quick", "full"));
        assertEquals(Mode.FULL, Mode.resolve("full", "quick"));
    }

    @Test
    void environmentIsUsedWithoutProperty() {
        assertEquals(Mode.QUICK, Mode.resolve(null, "quick"));
    }

    @Test
    void valuesAreCaseInsensitive() {
        assertEquals(Mode.QUICK, Mode.resolve("QuIcK", null));
        assertEquals(Mode.FULL, Mode.resolve(null, " FULL "));
    }

    @Test
    void badValueNamesTheValueTheSourceAndTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.resolve("fast", null));
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
        assertTrue(e.getMessage().contains("quick, full"), e.getMessage());
        assertTrue(e.getMessage().contains(Mode.PROPERTY), e.getMessage());

        IllegalArgumentException env = assertThrows(IllegalArgumentException.class, () -> Mode.resolve(null, "medium"));
        assertTrue(env.getMessage().contains("'medium'"), env.getMessage());
        assertTrue(env.getMessage().contains(Mode.ENVIRONMENT_VARIABLE), env.getMessage());
    }

    @Test
    void badPropertyIsReportedEvenWhenTheEnvironmentIsValid() {
        assertThrows(IllegalArgumentException.class, () -> Mode.resolve("slow", "quick"));
    }

    @Test
    void pickChoosesByMode() {
        assertEquals(3, Mode.QUICK.pick(3, 30));
        assertEquals(30, Mode.FULL.pick(3, 30));
        assertEquals("small", Mode.QUICK.pick("small", "big"));
    }

    @Test
    void currentReadsTheSystemProperty() {
        String saved = System.getProperty(Mode.PROPERTY);
        try {
            System.setProperty(Mode.PROPERTY, "quick");
            assertEquals(Mode.QUICK, Mode.current());
            System.setProperty(Mode.PROPERTY, "full");
            assertEquals(Mode.FULL, Mode.current());
        } finally {
            if (saved == null) {
                System.clearProperty(Mode.PROPERTY);
            } else {
                System.setProperty(Mode.PROPERTY, saved);
            }
        }
    }
}
