package org.parallelcookbook.distributed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jcsp.lang.CSProcess;
import org.jcsp.lang.Channel;
import org.jcsp.lang.ChannelInput;
import org.jcsp.lang.ChannelOutput;
import org.jcsp.lang.One2OneChannel;
import org.jcsp.lang.Parallel;
import org.jcsp.lang.PoisonException;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Communicating sequential processes with PyCSP</b> (book chapter 5).
 *
 * <p>A {@code counter} process writes 0 .. limit-1 on channel A and then poisons it; a
 * {@code printer} process reads and prints until the poison reaches it; {@code Parallel(...)} runs
 * both and {@code shutdown()} ends. Output "0 1 2 3 4". Channels come as One2One, One2Any, Any2One
 * and Any2Any; every read and write is a rendezvous: the writer waits until the reader takes the
 * value (PyCSP's trace shows BlockOnWrite, BlockOnRead, DoneRead, DoneWrite, Poison).
 *
 * <p><b>Java:</b> JCSP, the CSP library from the University of Kent on which PyCSP's design is
 * based: {@code CSProcess}, {@code One2OneChannel}, {@code Parallel}, and poison that surfaces as a
 * {@code PoisonException} in the reader. {@link #jcsp} is the recipe on JCSP, {@link #plainJdk} the
 * same two processes on a {@code SynchronousQueue} (the JDK's rendezvous channel) with a poison
 * marker, for readers who want no library. Both keep an event log; its order proves the rendezvous:
 * the k-th write returns only after the reader has started its k-th read.
 *
 * <p>Run: {@code ./cookbook run ch5.pycsp [LIMIT]}.
 */
@Recipe(id = "ch5.pycsp", chapter = 5, title = "Communicating sequential processes with PyCSP")
public final class CspCounterPrinter {

    private CspCounterPrinter() {
    }

    /** What the printer received and the event log of both processes, in order. */
    public record Result(List<Integer> printed, List<String> events) {
    }

    /** The counter and the printer on JCSP. */
    public static Result jcsp(int limit, IntConsumer print) {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<Integer> printed = Collections.synchronizedList(new ArrayList<>());
        One2OneChannel<Integer> a = Channel.one2one(0); // immunity 0: any poison kills it
        ChannelOutput<Integer> out = a.out();
        ChannelInput<Integer> in = a.in();
        CSProcess counter = () -> {
            for (int k = 0; k < limit; k++) {
                events.add("write " + k);
                out.write(k);
                events.add("wrote " + k);
            }
            events.add("poison");
            out.poison(1);
        };
        CSProcess printer = () -> {
            try {
                for (int k = 0; ; k++) {
                    events.add("reading #" + k);
                    int v = in.read();
                    events.add("read " + v);
                    printed.add(v);
                    print.accept(v);
                }
            } catch (PoisonException e) {
                events.add("printer poisoned");
            }
        };
        var parallel = new Parallel(new CSProcess[] {counter, printer});
        try {
            parallel.run();
        } finally {
            parallel.releaseAllThreads(); // PyCSP's shutdown(): no JCSP thread outlives the run
        }
        return new Result(List.copyOf(printed), List.copyOf(events));
    }

    private static final Object POISON = new Object();

    /** The same two processes on the plain JDK: a SynchronousQueue and a poison marker. */
    public static Result plainJdk(int limit, IntConsumer print) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<Integer> printed = Collections.synchronizedList(new ArrayList<>());
        var channel = new SynchronousQueue<Object>();
        try (ExecutorService processes = Executors.newFixedThreadPool(2)) {
            Future<?> counter = processes.submit(() -> {
                for (int k = 0; k < limit; k++) {
                    events.add("write " + k);
                    channel.put(k);
                    events.add("wrote " + k);
                }
                events.add("poison");
                channel.put(POISON);
                return null;
            });
            Future<?> printer = processes.submit(() -> {
                for (int k = 0; ; k++) {
                    events.add("reading #" + k);
                    Object v = channel.take();
                    if (v == POISON) {
                        events.add("printer poisoned");
                        return null;
                    }
                    events.add("read " + v);
                    printed.add((Integer) v);
                    print.accept((Integer) v);
                }
            });
            counter.get(60, TimeUnit.SECONDS);
            printer.get(60, TimeUnit.SECONDS);
        }
        return new Result(List.copyOf(printed), List.copyOf(events));
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CspCounterPrinter.class)
                .intPositional("limit", 5, 0, Integer.MAX_VALUE, "how far the counter process counts");
        RecipeMain.run(args, options, opt -> {
            int limit = opt.intValue("limit");
            System.out.print("JCSP:      ");
            jcsp(limit, v -> System.out.print(v + " "));
            System.out.println();
            System.out.print("plain JDK: ");
            Result r = plainJdk(limit, v -> System.out.print(v + " "));
            System.out.println();
            System.out.println("event log (plain JDK): " + r.events());
        });
    }
}
