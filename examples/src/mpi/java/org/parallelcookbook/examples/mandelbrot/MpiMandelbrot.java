package org.parallelcookbook.examples.mandelbrot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.MpiRun;
import org.parallelcookbook.mpi.launch.MpjHome;
import org.parallelcookbook.mpi.launch.MpjInstallation;

/**
 * The Mandelbrot set as an MPI program (chapter 3, MPJ Express): {@code workers} ranks, each
 * computing every p-th row ({@link MandelbrotRanks}), gathered to rank 0. Launched through the
 * chapter's {@link MpiRun} on MPJ's multicore device, so the ranks are threads of one rank JVM that
 * MPJ's starter spawns; as with {@code mpiexec}, the ranks live for one run, so every render pays
 * for starting MPJRun, the rank JVM and {@code MPI.Init}: {@link #start} only prepares MPJ's home.
 *
 * <p>This class touches no {@code mpi.*} type: the cookbook's jar does not carry MPJ Express, and
 * only the ranks load it, through MPJ's own class loader.
 */
public final class MpiMandelbrot implements MandelbrotModel {

    /** How long one render may run once the ranks are up. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private MpjHome home;
    private String reason;
    private boolean probed;
    private double lastRunSeconds;
    private double lastWorkSeconds = Double.NaN;

    @Override
    public String name() {
        return "mpi";
    }

    @Override
    public String chapter() {
        return "3 (MPJ Express)";
    }

    @Override
    public String unavailableReason() {
        if (!probed) {
            probed = true;
            try {
                MpjInstallation.require();
            } catch (UnavailableException e) {
                reason = "MPJ Express not found: " + e.getMessage();
            }
        }
        return reason;
    }

    @Override
    public void start(int workers) {
        home = MpjHome.prepare();
    }

    @Override
    public int[] render(MandelbrotSpec spec, int workers) throws Exception {
        Path out = Files.createTempFile("cookbook-mandelbrot-", ".counts");
        try {
            MpiResult result = MpiRun.of(MandelbrotRanks.class).home(home != null ? home : MpjHome.prepare()).np(workers)
                    .args(MandelbrotRanks.arguments(spec, out)).timeout(RUN_TIMEOUT).run().requireSuccess();
            lastRunSeconds = result.elapsed().toNanos() / 1e9;
            lastWorkSeconds = workSeconds(result);
            return MandelbrotRanks.read(out, spec.pixels());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Rank 0's own timing: from its first row to the written file, without start-up. */
    static double workSeconds(MpiResult result) {
        for (String text : result.rank(0).texts()) {
            if (text.startsWith(MandelbrotRanks.WORK)) {
                return Long.parseLong(text.substring(MandelbrotRanks.WORK.length(), text.length() - " us".length())) / 1e6;
            }
        }
        return Double.NaN;
    }

    @Override
    public String notes() {
        if (home == null) {
            return "";
        }
        return String.format(Locale.ROOT, "multicore device; ranks started per render: last run %.0f ms, of which "
                + "rank 0's rows + Gather %.0f ms; rows dealt cyclically", lastRunSeconds * 1e3, lastWorkSeconds * 1e3);
    }
}
