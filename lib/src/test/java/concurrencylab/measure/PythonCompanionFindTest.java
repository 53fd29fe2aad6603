package concurrencylab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Finding a particular Python, such as a free-threaded build. */
class PythonCompanionFindTest {

    @Test
    void aMissingExecutableIsNotFoundAndTheNextOneIs() {
        assertTrue(PythonCompanion.find("no-such-python-3-for-this-test").isEmpty());
        var usual = PythonCompanion.find();
        assumeTrue(usual.isPresent(), PythonCompanion.MISSING);
        var found = PythonCompanion.find("no-such-python-3-for-this-test", "python3", "python");
        assertTrue(found.isPresent());
        assertEquals(usual.get().version(), found.get().version());
    }

    @Test
    void refusesNoNameOrABlankOne() {
        assertThrows(IllegalArgumentException.class, () -> PythonCompanion.find(new String[0]));
        var e = assertThrows(IllegalArgumentException.class, () -> PythonCompanion.find("python3", " "));
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
    }
}
