package org.parallelcookbook.processes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>How to exchange objects between processes</b> (book chapter 3): the {@code Queue} half; the
 * {@code Pipe} half is {@link ProcessPipeSquares}, and {@code main} runs both.
 *
 * <p>The book's producer process puts 10 random ints (0..256) on a {@code multiprocessing.Queue},
 * one a second; the consumer loops: if {@code queue.empty()} it prints "the queue is empty" and
 * stops, else waits 2 s and takes an item. Stopping on {@code empty()} is a race (the consumer can
 * find the queue empty just before the producer's next put, and quit early).
 *
 * <p><b>Java vs Python:</b> a {@code multiprocessing.Queue} is a pipe plus pickling plus a feeder
 * thread. Here it is the same, made visible: the producer JVM writes <b>objects</b>
 * ({@link Message}: {@link Item} or {@link End}) with an {@link ObjectOutputStream} on its stdout,
 * which is the consumer JVM's stdin (the two start as one {@link ProcessBuilder#startPipeline
 * pipeline}, so they share one operating-system pipe, as a {@code Queue}'s two ends do), and the
 * consumer reads them with an
 * {@link ObjectInputStream} guarded by an {@link ObjectInputFilter} that admits <b>only</b> these
 * message records ({@link #FILTER}): deserializing whatever arrives on a pipe would let the sender
 * construct any class on the consumer's class path. The consumer stops at the explicit
 * {@link End} marker, never on "looks empty right now", so it cannot quit early. Human-readable
 * lines go to stderr (producer) and stdout (consumer).
 *
 * <p>Run: {@code ./cookbook run ch3.exchange [--items 10] [--put-ms 1000] [--get-ms 2000]}.
 */
@Recipe(id = "ch3.exchange", chapter = 3, title = "How to exchange objects between processes",
        tourArgs = {"--put-ms", "20", "--get-ms", "20"})
public final class ProcessQueueExchange {

    /** The consumer's filter: the message records and nothing else; small limits. */
    public static final String FILTER = "maxdepth=4;maxrefs=100000;maxarray=0;"
            + "org.parallelcookbook.processes.ProcessQueueExchange$Item;"
            + "org.parallelcookbook.processes.ProcessQueueExchange$End;!*";

    private ProcessQueueExchange() {
    }

    /** What travels on the queue. */
    public sealed interface Message extends Serializable permits Item, End {
    }

    /** One produced value and its sequence number. */
    public record Item(int seq, int value) implements Message {
    }

    /** The producer is done: Python's sentinel {@code None}, made explicit. */
    public record End(int count) implements Message {
    }

    /** Produced and consumed values, in their orders. */
    public record Exchange(List<Integer> produced, List<Integer> consumed) {
    }

    /** Runs producer and consumer JVMs as one pipeline: the producer's stdout is the consumer's stdin. */
    public static Exchange exchange(int items, long seed, Duration putDelay, Duration getDelay) throws Exception {
        List<ChildJvm> stages = JvmLauncher.startPipeline(List.of(
                JvmLauncher.forMain(Producer.class).quickStart().jvmOptions(ProcessPipeSquares.BINARY_STDOUT)
                        .args(Integer.toString(items), Long.toString(seed), Long.toString(putDelay.toMillis()))
                        .stdout(JvmLauncher.Output.PIPE),
                JvmLauncher.forMain(Consumer.class).quickStart().args(Long.toString(getDelay.toMillis()))));
        try (ChildJvm producer = stages.get(0); ChildJvm consumer = stages.get(1)) {
            producer.closeStdin();
            var p = producer.waitFor(Duration.ofSeconds(120)).requireSuccess();
            var c = consumer.waitFor(Duration.ofSeconds(120)).requireSuccess();
            List<Integer> produced = values(p.stderrLines(), "produced ");
            List<Integer> consumed = values(c.stdoutLines(), "consumed ");
            return new Exchange(produced, consumed);
        }
    }

    private static List<Integer> values(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix))
                .map(l -> Integer.parseInt(l.substring(prefix.length()).split(" ")[0])).toList();
    }

    /** The producer JVM: {@code Producer <items> <seed> <put-ms>}. */
    public static final class Producer {
        private Producer() {
        }

        public static void main(String[] args) throws Exception {
            int items = Integer.parseInt(args[0]);
            var random = new SplittableRandom(Long.parseLong(args[1]));
            long delay = Long.parseLong(args[2]);
            var raw = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
            System.setOut(System.err);
            try (var out = new ObjectOutputStream(raw)) {
                for (int i = 0; i < items; i++) {
                    int value = random.nextInt(257);
                    out.writeObject(new Item(i, value));
                    out.flush();
                    System.err.println("produced " + value + " (" + (i + 1) + " put on the queue so far)");
                    Thread.sleep(delay);
                }
                out.writeObject(new End(items));
            }
        }
    }

    /** The consumer JVM: {@code Consumer <get-ms>}; reads messages from stdin until {@link End}. */
    public static final class Consumer {
        private Consumer() {
        }

        public static void main(String[] args) throws Exception {
            long delay = Long.parseLong(args[0]);
            try (var in = new ObjectInputStream(new BufferedInputStream(System.in))) {
                in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(FILTER));
                List<Integer> got = new ArrayList<>();
                while (true) {
                    Object o = in.readObject();
                    if (o instanceof End end) {
                        if (end.count() != got.size()) {
                            throw new IOException("end marker says " + end.count() + " items, received " + got.size());
                        }
                        System.out.println("end marker received after " + got.size() + " items: the queue is done");
                        return;
                    }
                    Item item = (Item) o;
                    Thread.sleep(delay);
                    got.add(item.value());
                    System.out.println("consumed " + item.value() + " (item " + item.seq() + ")");
                }
            }
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ProcessQueueExchange.class)
                .intOption("--items", 10, 0, Integer.MAX_VALUE, "items to produce")
                .intOption("--put-ms", 1000, 0, Integer.MAX_VALUE, "TODO")
                .intOption("--get-ms", 2000, 0, Integer.MAX_VALUE, "TODO");
        RecipeMain.run(args, options, opt -> {
            int items = opt.intValue("--items");
            int put = opt.intValue("--put-ms");
            int get = opt.intValue("--get-ms");
            System.out.println("Queue: producer JVM -> object stream -> consumer JVM");
            Exchange e = exchange(items, System.nanoTime(), Duration.ofMillis(put), Duration.ofMillis(get));
            System.out.println("  produced " + e.produced());
            System.out.println("  consumed " + e.consumed());
            System.out.println("Pipe: sender JVM -> ints -> squarer JVM -> squares -> parent");
            ProcessPipeSquares.squares(10).forEach(x -> System.out.println("  " + x));
            System.out.println("End");
        });
    }
}
