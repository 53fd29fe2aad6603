package concurrencylab.cli;

import static concurrencylab.cli.MainTest.assertRefused;
import static concurrencylab.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import concurrencylab.cli.MainTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against hangs, not a speed requirement.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LoopCommandsTest {

    private static final Pattern EVENT = Pattern.compile("(Calculating|Calculated|Cancelled) square of (\\d), time: (\\d+\\.\\d{3})");

    @Test
    void cancelReproducesTheArticlesOutcome() {
        Result result = run("cancel");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.err().isEmpty(), result.toString());
        List<String> lines = result.out();
        assertEquals("Timed out", lines.get(lines.size() - 1), result.toString());

        Map<Integer, List<String>> events = new LinkedHashMap<>();
        List<Double> times = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = EVENT.matcher(line);
            assertTrue(m.matches(), "unexpected line: " + line);
            events.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>()).add(m.group(1));
            times.add(Double.parseDouble(m.group(3)));
        }
        for (int x = 0; x <= 5; x++) {
            assertEquals(List.of("Calculating", "Calculated"), events.get(x), "square " + x);
        }
        for (int x = 6; x <= 7; x++) {
            assertEquals(List.of("Calculating", "Cancelled"), events.get(x), "square " + x);
        }
        for (int x = 8; x <= 9; x++) {
            assertEquals(List.of("Cancelled"), events.get(x), "square " + x + " never started");
        }
        assertEquals(10, events.size());
        // The loop's clock only moves forward, and the run ends after the 3.5 s timeout
        // (generous upper bound: a loaded machine may be slow, never early).
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) >= times.get(i - 1), times.toString());
        }
        double last = times.get(times.size() - 1);
        assertTrue(last >= 3.5 && last < 60, "last event at " + last);
    }

    @Test
    void cancelTakesNoArguments() {
        assertTrue(assertRefused(run("cancel", "-n", "3")).contains("-n"));
    }

    @Test
    void asyncPattern1PrintsOnesThenElapsed() {
        Result result = run("async-pattern1", "-x", "3", "-y", "10", "-n", "4", "--max-workers", "2");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("1", "1", "1", "1"), result.out().subList(0, 4));
        assertEquals(5, result.out().size(), result.toString());
        assertTrue(result.out().get(4).matches("elapsed: \\d+\\.\\d{3} sec"), result.out().get(4));
        assertTrue(result.err().isEmpty(), result.toString());
    }

    @Test
    void asyncPattern1WithNoTasksPrintsOnlyTheTime() {
        Result result = run("async-pattern1", "-n", "0");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(1, result.out().size(), result.toString());
    }

    @Test
    void asyncPattern1RefusesBadValuesNamingThem() {
        assertTrue(assertRefused(run("async-pattern1", "-n", "-1")).contains("-n must be at least 0, got -1"));
        assertTrue(assertRefused(run("async-pattern1", "--max-workers", "0")).contains("--max-workers must be at least 1, got 0"));
        assertTrue(assertRefused(run("async-pattern1", "-x", "0")).contains("x=0"));
        assertTrue(assertRefused(run("async-pattern1", "-y", "40")).contains("y=40"));
        assertTrue(assertRefused(run("async-pattern1", "--executor", "thread")).contains("--executor"));
    }

    @Test
    void benchTinyPrintsMicrosecondsPerTaskAndTheRatioLine() {
        Result result = run("bench", "tiny", "-n", "2000");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> out = result.out();
        assertTrue(out.get(0).startsWith("tiny tasks: n=2,000"), out.toString());
        String number = "\\d+\\.\\d{3} us/task";
        assertTrue(out.get(1).matches("asyncio \\(Python [0-9.]+\\): " + number) || out.get(1).startsWith("asyncio: skipped"),
                out.toString());
        assertTrue(out.get(2).matches("event-loop: " + number + " ratio=(\\d+\\.\\d{2}|n/a)"), out.toString());
        assertTrue(out.get(3).matches("fixed-pool-1: " + number), out.toString());
        assertTrue(out.get(4).matches("fixed-pool-2: " + number), out.toString());
        assertTrue(out.get(5).matches("fixed-pool-5: " + number), out.toString());
        assertTrue(out.get(6).matches("virtual-threads: " + number), out.toString());
        assertEquals(7, out.size(), out.toString());
    }

    @Test
    void benchTinyRefusesBadValues() {
        assertTrue(assertRefused(run("bench", "tiny", "-n", "0")).contains("-n must be between 1 and 100,000,000, got 0"));
        assertTrue(assertRefused(run("bench", "tiny", "--repetitions", "21")).contains("got 21"));
        assertTrue(assertRefused(run("bench", "tiny", "-n", "10", "--python-script", "no/such/file.py"))
                .contains("no/such/file.py"));
    }
}
