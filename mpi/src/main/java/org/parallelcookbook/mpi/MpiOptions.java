package org.parallelcookbook.mpi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.mpi.launch.Device;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.MpiRun;

/**
 * How a recipe's ranks are launched: how many, on which device, with which time limit, and where
 * their output goes. A recipe's {@code main} builds one from its command line
 * ({@code --np N --dev multicore|niodev --machines FILE --timeout SECONDS}); tests use
 * {@link #multicore(int)}.
 *
 * @param np       number of ranks
 * @param device   MPJ device
 * @param machines machines file for {@link Device#NIODEV}, else {@code null}
 * @param timeout  limit once every rank is up
 * @param echo     receives every output line as it arrives
 */
public record MpiOptions(int np, Device device, Path machines, Duration timeout, Consumer<String> echo) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** {@code np} ranks on the multicore device, output not echoed. */
    public static MpiOptions multicore(int np) {
        return new MpiOptions(np, Device.MULTICORE, null, DEFAULT_TIMEOUT, line -> { });
    }

    public MpiOptions withTimeout(Duration value) {
        return new MpiOptions(np, device, machines, value, echo);
    }

    public MpiOptions withEcho(Consumer<String> value) {
        return new MpiOptions(np, device, machines, timeout, value);
    }

    public MpiOptions withNp(int value) {
        return new MpiOptions(value, device, machines, timeout, echo);
    }

    /** Runs {@code main} with these options. */
    public MpiResult launch(Class<?> main, String... args) throws IOException, InterruptedException {
        MpiRun run = MpiRun.of(main).np(np).device(device).timeout(timeout).onOutput(echo).args(args);
        if (machines != null) {
            run.machinesFile(machines);
        }
        return run.run();
    }

    /**
     * Declares the launcher options of an MPI recipe: {@code --np N} (default {@code defaultNp}, at
     * least {@code minNp}), {@code --dev multicore|niodev}, {@code --machines FILE} and
     * {@code --timeout SECONDS}. {@link #from} reads them back after parsing.
     */
    public static RecipeOptions declare(RecipeOptions options, int defaultNp, int minNp) {
        return options.intOption("--np", defaultNp, minNp, 1024, "number of MPJ Express ranks")
                .choiceOption("--dev", "multicore", "MPJ device: multicore (one JVM) or niodev (MPJ daemons, --machines)",
                        "multicore", "niodev")
                .stringOption("--machines", null, "machines file for --dev niodev (one host per line)")
                .intOption("--timeout", (int) DEFAULT_TIMEOUT.toSeconds(), 1, 86_400,
                        "limit in seconds once every rank is up");
    }

    /** The launch options from values parsed against {@link #declare}; output echoed to standard output. */
    public static MpiOptions from(RecipeOptions.Values values) {
        Device device = Device.parse(values.string("--dev"));
        String machinesArg = values.string("--machines");
        Path machines = machinesArg == null ? null : Path.of(machinesArg);
        if (device == Device.NIODEV) {
            if (machines == null) {
                throw new UsageException("--dev niodev needs --machines FILE (one host per line, each running an MPJ daemon)");
            }
            if (!Files.isRegularFile(machines)) {
                throw new UsageException("--machines: no such file: " + machines);
            }
        } else if (machines != null) {
            throw new UsageException("--machines is only for --dev niodev");
        }
        return new MpiOptions(values.intValue("--np"), device, machines,
                Duration.ofSeconds(values.intValue("--timeout")), System.out::println);
    }

    /** The launcher options of a recipe's command line, and what is left for the recipe. */
    public record Parsed(MpiOptions options, List<String> rest) {
    }

    /**
     * Reads {@code --np N} (default {@code defaultNp}, at least {@code minNp}), {@code --dev},
     * {@code --machines FILE} and {@code --timeout SECONDS}; echoes rank output to standard output.
     */
    public static Parsed parse(String[] args, int defaultNp, int minNp) {
        int np = RecipeMain.intOption(args, "--np", defaultNp, minNp);
        Device device;
        try {
            device = Device.parse(RecipeMain.option(args, "--dev", "multicore"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dev " + e.getMessage().replaceFirst("^device ", ""));
        }
        String machinesArg = RecipeMain.option(args, "--machines", null);
        Path machines = machinesArg == null ? null : Path.of(machinesArg);
        if (device == Device.NIODEV) {
            if (machines == null) {
                throw new UsageException("--dev niodev needs --machines FILE (one host per line, each running an MPJ daemon)");
            }
            if (!Files.isRegularFile(machines)) {
                throw new UsageException("--machines: no such file: " + machines);
            }
        } else if (machines != null) {
            throw new UsageException("--machines is only for --dev niodev");
        }
        int seconds = RecipeMain.intOption(args, "--timeout", (int) DEFAULT_TIMEOUT.toSeconds(), 1);
        List<String> rest = new ArrayList<>();
        List<String> withValue = List.of("--np", "--dev", "--machines", "--timeout");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (withValue.contains(a)) {
                i++;
            } else if (withValue.stream().noneMatch(o -> a.startsWith(o + "="))) {
                rest.add(a);
            }
        }
        return new Parsed(new MpiOptions(np, device, machines, Duration.ofSeconds(seconds), System.out::println), rest);
    }
}
