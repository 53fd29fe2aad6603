package concurrencylab.notebook;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's evaluation rules, in this JVM (no notebook, no child JVM). */
class JShellKernelTest {
    static JShellKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new JShellKernel(Duration.ofSeconds(5));
        kernel.startCell(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        kernel.close();
    }

    @Test
    void lastExpressionIsTheResultAndDeclarationsHaveNone() throws CellFailure {
        assertEquals(42, kernel.eval("int a = 40;\nint b = 2;\na + b"));
        assertNull(kernel.eval("int c = 3;"), "a declaration is not a result");
        assertEquals(3, kernel.eval("c"), "a variable by itself is");
        assertNull(kernel.eval("System.out.print(\"\");"), "a void call is a statement");
    }

    @Test
    void theRunnersOwnLibrariesAreNotOnTheCompilersClassPath() {
        CellFailure failure = assertThrows(CellFailure.class,
                () -> kernel.eval("com.fasterxml.jackson.databind.ObjectMapper.class"));
        assertEquals("package com.fasterxml.jackson.databind does not exist", failure.error().evalue());
    }

    @Test
    void incompleteSourceIsAnError() {
        CellFailure failure = assertThrows(CellFailure.class, () -> kernel.eval("void open() {\n  int x = 1;\n"));
        assertEquals("IncompleteSourceException", failure.error().ename());
    }

    @Test
    void markSpanPutsCaretsUnderTheOffendingText() {
        assertEquals(java.util.List.of("int y = \"x\";", "        ^^^"), JShellKernel.markSpan("int y = \"x\";", 8, 11));
    }

    @Test
    void anUndefinedReferenceFailsWhenUsed() throws CellFailure {
        kernel.eval("int usesMissing() { return missingThing(); }");
        CellFailure failure = assertThrows(CellFailure.class, () -> kernel.eval("usesMissing()"));
        assertEquals("UnresolvedReferenceException", failure.error().ename());
        assertTrue(failure.error().evalue().contains("missingThing"), failure.error().evalue());
    }
}
