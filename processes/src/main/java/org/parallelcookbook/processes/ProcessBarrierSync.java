package org.parallelcookbook.processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>How to synchronize processes</b> (book chapter 3).
 *
 * <p>The book lists the {@code multiprocessing} primitives (Lock, RLock, Event, Condition, Semaphore,
 * Barrier) and runs four processes: {@code p1} and {@code p2} wait on a {@code Barrier(2)} and then
 * print their name and a timestamp under a {@code Lock} (the "serializer"); {@code p3} and
 * {@code p4} print at once. The timestamps of p1 and p2 come out (nearly) equal.
 *
 * <p><b>Java vs Python:</b> {@code java.util.concurrent} locks and barriers live inside one JVM;
 * they mean nothing to another process. Between JVMs the operating system must arbitrate:
 * {@link CrossJvmSync} takes an OS file lock ({@link java.nio.channels.FileChannel#lock()}) as the
 * inter-process mutex and keeps a sequence counter and a barrier's arrival count in the same file,
 * mapped into every process's memory. Timestamps prove little (clocks, scheduling), so every event
 * also takes a <b>sequence number</b> from the locked counter: each barrier process's "passed"
 * number is larger than both "arrived" numbers, whatever the timing; p3 and p4 may come anywhere.
 *
 * <p>Run: {@code ./cookbook run ch3.sync}.
 */
@Recipe(id = "ch3.sync", chapter = 3, title = "How to synchronize processes")
public final class ProcessBarrierSync {

    private ProcessBarrierSync() {
    }

    /** One event: who, what ("arrived", "passed", "printed"), its sequence number and wall-clock time. */
    public record Event(String process, String kind, long seq, String time) {
        static Event parse(String line) {
            String[] f = line.split(" ");
            return new Event(f[1], f[2], Long.parseLong(f[3]), f[4]);
        }
    }

    /** Runs the four processes (two with the barrier) and returns all their events in sequence order. */
    public static List<Event> run(Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "cookbook-sync", ".bin");
        List<ChildJvm> children = new ArrayList<>();
        try {
            String[][] specs = {{"p1", "barrier"}, {"p2", "barrier"}, {"p3", "free"}, {"p4", "free"}};
            for (String[] s : specs) {
                children.add(JvmLauncher.forMain(SyncWorker.class).name(s[0]).quickStart()
                        .args(file.toString(), s[0], s[1], "2").start());
            }
            List<Event> events = new ArrayList<>();
            for (ChildJvm c : children) {
                c.closeStdin();
                c.waitFor(Duration.ofSeconds(120)).requireSuccess().stdoutLines().stream()
                        .filter(l -> l.startsWith("EVENT ")).map(Event::parse).forEach(events::add);
            }
            events.sort(Comparator.comparingLong(Event::seq));
            return events;
        } finally {
            children.forEach(ChildJvm::close);
            Files.deleteIfExists(file);
        }
    }

    /** A child: {@code SyncWorker <file> <name> barrier|free <parties>}. */
    public static final class SyncWorker {
        private SyncWorker() {
        }

        public static void main(String[] args) throws Exception {
            String name = args[1];
            boolean barrier = args[2].equals("barrier");
            int parties = Integer.parseInt(args[3]);
            try (var sync = new CrossJvmSync(Path.of(args[0]))) {
                if (barrier) {
                    sync.await(parties, Duration.ofSeconds(60), seq -> print(name, "arrived", seq));
                    sync.locked(seq -> print(name, "passed", seq));
                } else {
                    sync.locked(seq -> print(name, "printed", seq));
                }
            }
        }

        /** Runs under the lock: the book's "serializer", so lines never interleave. */
        private static Void print(String name, String kind, long seq) {
            System.out.println("EVENT " + name + " " + kind + " " + seq + " " + LocalTime.now());
            System.out.flush();
            return null;
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ProcessBarrierSync.class);
        RecipeMain.run(args, options, opt -> {
            for (Event e : run(Path.of(System.getProperty("java.io.tmpdir")))) {
                System.out.printf("#%d %s %-7s at %s%n", e.seq(), e.process(), e.kind(), e.time());
            }
        });
    }
}
