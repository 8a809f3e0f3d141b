package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaForPythonReadersTest {

    private final JavaForPythonReaders.Tour tour = JavaForPythonReaders.tour(42);

    @Test
    void arithmeticAndComplexNumbers() {
        assertEquals(900, tour.product());
        assertEquals(Math.sqrt(2.5), tour.zAbs(), 1e-15);
        assertEquals(1.5811388300841898, tour.zAbs(), 1e-15);
    }

    @Test
    void stringsAndLists() {
        assertEquals("HelpA", tour.word());
        assertEquals("He", tour.wordSlice());
        assertEquals(List.of("eggs", 100), tour.listSlice());
        assertEquals(List.of(3, 6, 12), tour.wordLengths());
    }

    @Test
    void fibonacci() {
        assertEquals(List.of(1, 1, 2, 3, 5, 8), tour.fibonacciBelow10());
        List<Integer> fib = tour.fib2000();
        assertEquals(List.of(987, 1597), fib.subList(fib.size() - 2, fib.size()));
    }

    @Test
    void ifElifElseOnTheTypedInteger() {
        assertEquals("Negative changed to zero", JavaForPythonReaders.decide(-5));
        assertEquals("Zero", JavaForPythonReaders.decide(0));
        assertEquals("Single", JavaForPythonReaders.decide(1));
        assertEquals("More", JavaForPythonReaders.decide(42));
        assertEquals("More", tour.decision());
    }

    @Test
    void mathAndTheComplexClass() {
        assertEquals(0.8414709848078965, tour.sin1());
        assertEquals(0.0, tour.log1());
        assertEquals(new JavaForPythonReaders.Complex(3.0, -4.5), tour.classInstance());
        assertEquals(3.0, tour.classInstance().re());
        assertEquals(-4.5, tour.classInstance().im());
    }
}
