package com.example.consumer;

import mpi.MPI;
import org.parallelcookbook.mpi.MpiRank;
import org.parallelcookbook.mpi.launch.RankLine;

/** One rank of an MPI program: every rank adds its number (rank + 1) into a sum all of them get. */
public final class SumRanks {

    public static void main(String[] args) throws Exception {
        MpiRank.run(args, (world, userArgs) -> {
            int[] mine = {world.Rank() + 1}, sum = new int[1];
            world.Allreduce(mine, 0, sum, 0, 1, MPI.INT, MPI.SUM);
            System.out.println(RankLine.of(world.Rank(), world.Size(), "sum " + sum[0]).format());
        });
    }
}
