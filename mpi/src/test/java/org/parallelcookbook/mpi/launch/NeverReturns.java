package org.parallelcookbook.mpi.launch;

import java.util.concurrent.CountDownLatch;
import org.parallelcookbook.mpi.MpiRank;

/** A rank program whose every rank passes {@code MPI.Init}, then waits for something that never comes. */
public final class NeverReturns {

    private NeverReturns() {
    }

    public static void main(String[] args) throws Exception {
        MpiRank.run(args, (world, rest) -> new CountDownLatch(1).await());
    }
}
