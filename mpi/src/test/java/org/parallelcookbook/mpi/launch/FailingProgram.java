package org.parallelcookbook.mpi.launch;

import org.parallelcookbook.mpi.MpiRank;

/** A rank program for the launcher's tests: rank 1 throws, the others wait for it at a barrier forever. */
public final class FailingProgram {

    private FailingProgram() {
    }

    public static void main(String[] args) throws Exception {
        MpiRank.run(args, (world, rest) -> {
            if (world.Rank() == 1) {
                throw new IllegalStateException("rank 1 gives up");
            }
            world.Barrier();
        });
    }
}
