package org.parallelcookbook.core.intro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Introducing Python</b> (book chapter 1), for Java readers: the book's interpreter tour, snippet
 * by snippet, in Java.
 *
 * <table>
 *   <caption>The book's Python and its Java counterpart</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code 20 * 45}</td><td>{@code 20 * 45}, an {@code int} (Python ints never overflow;
 *       Java's wrap at 2<sup>31</sup>, use {@code long} or {@code BigInteger})</td></tr>
 *   <tr><td>{@code a = 1.5+0.5j; abs(a)}</td><td>no complex type: a two-field {@link Complex} record,
 *       {@code Math.hypot} for the modulus</td></tr>
 *   <tr><td>{@code word = 'Help' + 'A'; word[0:2]}</td><td>{@code "Help" + "A"},
 *       {@code substring(0, 2)} (same half-open bounds, no negative indices)</td></tr>
 *   <tr><td>{@code a = ['spam', 'eggs', 100, 1234]; a[1:-1]}</td><td>{@code List.of(...)} of
 *       {@code Object}, {@code subList(1, size - 1)}; lists are typed in Java, so a mixed list is
 *       {@code List<Object>}</td></tr>
 *   <tr><td>{@code while b < 10: print(b); a, b = b, a+b}</td><td>a {@code while} loop; no
 *       tuple assignment, so a temporary</td></tr>
 *   <tr><td>{@code x = int(input(...)); if/elif/else}</td><td>the keyboard input is a method
 *       argument; {@code if / else if / else} or a {@code switch}</td></tr>
 *   <tr><td>{@code for w in words: print(w, len(w))}</td><td>enhanced {@code for},
 *       {@code length()}</td></tr>
 *   <tr><td>{@code def fib(n)}</td><td>a static method returning a {@code List}</td></tr>
 *   <tr><td>{@code math.sin(1), math.log(1)}</td><td>{@link Math#sin}, {@link Math#log} (both the
 *       natural functions, as in Python)</td></tr>
 *   <tr><td>{@code class Complex: def __init__(self, realpart, imagpart)}</td><td>a {@code record}:
 *       constructor, accessors, {@code equals}, {@code hashCode} and {@code toString} for free</td></tr>
 * </table>
 *
 * <p>Java is compiled ahead of time to bytecode and statically typed: the mistakes Python reports
 * when a line runs, {@code javac} reports before anything runs.
 *
 * <p>Run: {@code ./cookbook run ch1.introducing-python [--x N]} (the integer the book reads from the
 * keyboard; default 42).
 */
@Recipe(id = "ch1.introducing-python", chapter = 1, title = "Introducing Python")
public final class JavaForPythonReaders {

    private JavaForPythonReaders() {
    }

    /** The book's {@code Complex} class, and Python's built-in complex numbers, in one record. */
    public record Complex(double re, double im) {
        public double abs() {
            return Math.hypot(re, im);
        }

        public Complex plus(Complex other) {
            return new Complex(re + other.re, im + other.im);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "(%s%s%sj)", re, im < 0 ? "-" : "+", Math.abs(im));
        }
    }

    /** Everything the tour computed, in the book's order. */
    public record Tour(int product, Complex z, double zAbs, String word, String wordSlice, List<Object> list,
                       List<Object> listSlice, List<Integer> fibonacciBelow10, String decision, List<Integer> wordLengths,
                       List<Integer> fib2000, double sin1, double log1, Complex classInstance) {
    }

    /** {@code 20 * 45}. */
    public static int product() {
        return 20 * 45;
    }

    /** Fibonacci numbers below {@code n}: the book's {@code while b < n: print(b); a, b = b, a + b}. */
    public static List<Integer> fibonacciBelow(int n) {
        List<Integer> out = new ArrayList<>();
        int a = 0;
        int b = 1;
        while (b < n) {
            out.add(b);
            int next = a + b; // Python's a, b = b, a + b needs a temporary in Java
            a = b;
            b = next;
        }
        return List.copyOf(out);
    }

    /** The book's {@code if/elif/else} on an integer that Python reads from the keyboard. */
    public static String decide(int x) {
        if (x < 0) {
            return "Negative changed to zero";
        } else if (x == 0) {
            return "Zero";
        } else if (x == 1) {
            return "Single";
        } else {
            return "More";
        }
    }

    /** Lengths of the book's words, in order. */
    public static List<Integer> wordLengths(List<String> words) {
        List<Integer> out = new ArrayList<>();
        for (String w : words) {
            out.add(w.length());
        }
        return List.copyOf(out);
    }

    /** The whole tour; {@code x} is what the Python version reads with {@code input()}. */
    public static Tour tour(int x) {
        var z = new Complex(1.5, 0.5);
        String word = "Help" + "A";
        List<Object> list = List.of("spam", "eggs", 100, 1234);
        return new Tour(product(), z, z.abs(), word, word.substring(0, 2), list, list.subList(1, list.size() - 1),
                fibonacciBelow(10), decide(x), wordLengths(List.of("cat", "window", "defenestrate")),
                fibonacciBelow(2000), Math.sin(1), Math.log(1), new Complex(3.0, -4.5));
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(JavaForPythonReaders.class)
                .intOption("--x", 42, Integer.MIN_VALUE, Integer.MAX_VALUE, "the integer the if/elif example tests");
        RecipeMain.run(args, options, opt -> {
            int x = opt.intValue("--x");
            Tour t = tour(x);
            System.out.println(">>> 20 * 45                      " + t.product());
            System.out.println(">>> a = 1.5+0.5j                 " + t.z());
            System.out.println(">>> abs(a)                       " + t.zAbs());
            System.out.println(">>> word = 'Help' + 'A'          '" + t.word() + "'");
            System.out.println(">>> word[0:2]                    '" + t.wordSlice() + "'");
            System.out.println(">>> a = ['spam', 'eggs', 100, 1234]; a[1:-1]   " + t.listSlice());
            System.out.println(">>> while b < 10 (Fibonacci)     " + t.fibonacciBelow10());
            System.out.println(">>> if/elif/else with x = " + x + "     " + t.decision());
            List<String> words = List.of("cat", "window", "defenestrate");
            for (int i = 0; i < words.size(); i++) {
                System.out.println(">>> for w in words               " + words.get(i) + " " + t.wordLengths().get(i));
            }
            System.out.println(">>> fib(2000)                    " + t.fib2000());
            System.out.println(">>> math.sin(1)                  " + t.sin1());
            System.out.println(">>> math.log(1)                  " + t.log1());
            System.out.println(">>> x = Complex(3.0, -4.5)       " + t.classInstance().re() + " " + t.classInstance().im());
        });
    }
}
