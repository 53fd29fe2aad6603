package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StreamCorruptedException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallValueTest {
    @Test
    void boxedPrimitivesStringsAndNullComeBackEqualAndOfTheSameClass() throws Exception {
        List<Object> values = Arrays.asList(null, true, false, (byte) -7, (short) 300, 'é', Integer.MIN_VALUE, 42,
                Long.MAX_VALUE, -1.5f, Float.NaN, Math.PI, Double.NEGATIVE_INFINITY, -0.0, "", "naïve ✓ 日本語");
        for (Object v : values) {
            byte[] bytes = SmallValue.encode(v);
            assertNotNull(bytes, "handled: " + v);
            Object back = SmallValue.decode(bytes);
            assertEquals(v, back);
            if (v != null) {
                assertEquals(v.getClass(), back.getClass());
            }
        }
        assertEquals(5, SmallValue.encode(7).length, "an int takes a tag and four bytes");
    }

    @Test
    void otherTypesAndLongStringsAreLeftToJavaSerialization() {
        assertNull(SmallValue.encode(BigInteger.ONE));
        assertNull(SmallValue.encode(List.of(1)));
        assertNull(SmallValue.encode(new int[] {1}));
        assertNull(SmallValue.encode("x".repeat(SmallValue.MAX_STRING_CHARS + 1)));
        assertNotNull(SmallValue.encode("x".repeat(SmallValue.MAX_STRING_CHARS)));
    }

    @Test
    void aDamagedFrameIsReportedNotMisread() {
        assertThrows(StreamCorruptedException.class, () -> SmallValue.decode(new byte[0]));
        assertThrows(StreamCorruptedException.class, () -> SmallValue.decode(new byte[] {99}));
        byte[] truncated = Arrays.copyOf(SmallValue.encode(123L), 5);
        assertThrows(StreamCorruptedException.class, () -> SmallValue.decode(truncated));
        assertArrayEquals(new byte[] {0}, SmallValue.encode(null));
    }
}
