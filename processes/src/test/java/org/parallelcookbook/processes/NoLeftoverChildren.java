package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.Executable;

/**
 * Fails a test class that leaves a child process of the test JVM running. Every test class of the
 * module uses it ({@code @ExtendWith(NoLeftoverChildren.class)}); {@code ZzNoLeftoverProcessesTest}
 * runs last and checks the whole suite once more.
 */
public final class NoLeftoverChildren implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        assertNoDescendants(context.getDisplayName());
    }

    /** Waits up to a few seconds for descendants to go (a destroyed JVM takes a moment), then fails. */
    public static void assertNoDescendants(String where) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
            left.getFirst().onExit().completeOnTimeout(null, 100, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        } while (System.nanoTime() < deadline);
        String described = left.stream().map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .map(s -> s.length() > 200 ? s.substring(0, 200) + "..." : s).toList().toString();
        left.forEach(ProcessHandle::destroyForcibly);
        fail(where + " left child processes running (now destroyed): " + described);
    }

    /**
     * Runs {@code recipe} on an interrupted thread: it starts its children, and its first wait for
     * one throws {@link InterruptedException}. By the time the exception arrives, every child it
     * started (those of this JVM that run {@code main}) must be gone, not merely about to go: they
     * had only just started, so only the recipe's own clean-up can have ended them.
     */
    public static void assertInterruptedRecipeEndsItsChildren(Class<?> main, Executable recipe) {
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, recipe);
            assertEquals(List.of(), liveChildrenRunning(main), "children still running when the recipe threw");
        } finally {
            Thread.interrupted();
        }
    }

    /** The command lines of this JVM's live children that run {@code main}. */
    public static List<String> liveChildrenRunning(Class<?> main) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(main.getName())).toList();
    }
}
