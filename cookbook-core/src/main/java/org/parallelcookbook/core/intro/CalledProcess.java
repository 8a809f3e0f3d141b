package org.parallelcookbook.core.intro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.parallelcookbook.core.RecipeMain;

/**
 * The program that {@link CallingProcess} starts: the book's {@code called_Process.py}. It greets,
 * waits for ENTER and says goodbye.
 *
 * <p>The book reads the key with Python 2's {@code raw_input("Press ENTER to exit")}, which prints the
 * prompt without a newline; here the prompt is a line of its own so that captured output stays one
 * message per line. End of input (a closed standard input, as under {@code ./cookbook tour}) counts
 * as ENTER, so the program never hangs waiting for a keyboard that is not there.
 *
 * <p>Not a recipe of its own; run it through {@code ./cookbook run ch1.start-processes}.
 */
public final class CalledProcess {

    public static final String GREETING = "Hello Python Parallel Cookbook!!";
    public static final String PROMPT = "Press ENTER to exit";
    public static final String CLOSING = "Closing calledProcess";

    private CalledProcess() {
    }

    /** What the user typed before ENTER; empty when the input ended instead. */
    public record Answer(Optional<String> typed) {
    }

    /** Greets on {@code out}, reads one line from {@code in}, says goodbye. */
    public static Answer converse(BufferedReader in, Consumer<String> out) throws IOException {
        out.accept(GREETING);
        out.accept(PROMPT);
        String line = in.readLine();
        out.accept(CLOSING);
        return new Answer(Optional.ofNullable(line));
    }

    public static void main(String[] args) {
        RecipeMain.run(args, a -> {
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            converse(in, line -> {
                System.out.println(line);
                System.out.flush();
            });
        });
    }
}
