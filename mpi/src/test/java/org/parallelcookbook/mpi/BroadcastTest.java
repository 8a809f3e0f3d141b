package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MpjExtension.class)
class BroadcastTest {



    @Test
    @Timeout(120)
    void everyOneOfTenRanksEndsWithTheRootsValue() throws Exception {
        var ranks = Broadcast.run(MpiOptions.multicore(Broadcast.RANKS)).ranks();
        assertEquals(10, ranks.size());
        for (var r : ranks) {
            assertEquals(r.rank(), ranks.indexOf(r));
            assertEquals(100, r.after(), "rank " + r.rank() + " after the broadcast");
            if (r.rank() != Broadcast.ROOT) {
                assertNotEquals(100, r.before(), "rank " + r.rank() + " held another value before");
            }
        }
    }
}
