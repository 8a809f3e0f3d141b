package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.mpi.launch.RankLine;

/**
 * The per-rank records that hold arrays compare them by content (a record's own equals compares
 * arrays by identity), and each survives the trip through its output line, which is how the
 * launcher hands it back from the rank.
 */
class RankRecordsTest {

    @Test
    void scatterReceivedComparesChunksByContent() {
        var a = new Scatter.Received(1, 3, 2, new int[] {5, 6, 7});
        assertValueSemantics(a, new Scatter.Received(1, 3, 2, new int[] {5, 6, 7}),
                new Scatter.Received(1, 3, 2, new int[] {5, 6, 8}));
        assertEquals(a, Scatter.Received.parse(line(a.line())));
        assertEquals("Received[rank=1, size=3, scattered=2, chunk=[5, 6, 7]]", a.toString());
    }

    @Test
    void gatherCollectedComparesBuffersByContent() {
        var a = new Gather.Collected(0, 3, 1, new int[] {1, 4, 9}, new int[] {1, 4, 9});
        assertValueSemantics(a, new Gather.Collected(0, 3, 1, new int[] {1, 4, 9}, new int[] {1, 4, 9}),
                new Gather.Collected(0, 3, 1, new int[] {1, 4, 9}, new int[] {1, 4, 0}));
        assertEquals(a, Gather.Collected.parse(line(a.line())));
        assertEquals("Collected[rank=0, size=3, sent=1, gathered=[1, 4, 9], allgathered=[1, 4, 9]]", a.toString());
    }

    @Test
    void allToAllExchangedComparesBuffersByContent() {
        var a = new AllToAll.Exchanged(1, 2, new int[] {0, 2}, new int[] {0, 1});
        assertValueSemantics(a, new AllToAll.Exchanged(1, 2, new int[] {0, 2}, new int[] {0, 1}),
                new AllToAll.Exchanged(1, 2, new int[] {0, 2}, new int[] {1, 1}));
        assertEquals(a, AllToAll.Exchanged.parse(line(a.line())));
        assertEquals("Exchanged[rank=1, size=2, sent=[0, 2], received=[0, 1]]", a.toString());
    }

    @Test
    void reductionReducedComparesBuffersByContent() {
        var a = new Reduction.Reduced(0, 3, new int[] {0, 1, 2}, new int[] {0, 6, 12}, new int[] {0, 3, 6}, new int[] {0, 6, 12});
        assertValueSemantics(a,
                new Reduction.Reduced(0, 3, new int[] {0, 1, 2}, new int[] {0, 6, 12}, new int[] {0, 3, 6}, new int[] {0, 6, 12}),
                new Reduction.Reduced(0, 3, new int[] {0, 1, 2}, new int[] {0, 6, 12}, new int[] {0, 3, 7}, new int[] {0, 6, 12}));
        assertEquals(a, Reduction.Reduced.parse(line(a.line())));
        assertEquals("Reduced[rank=0, size=3, sent=[0, 1, 2], sum=[0, 6, 12], max=[0, 3, 6], allreduce=[0, 6, 12]]",
                a.toString());
    }

    private static void assertValueSemantics(Object a, Object sameContent, Object otherContent) {
        assertEquals(a, sameContent);
        assertEquals(a.hashCode(), sameContent.hashCode());
        assertNotEquals(a, otherContent);
        assertEquals(List.of(a), List.of(sameContent), "lists of them compare by content too");
    }

    private static RankLine line(String s) {
        return RankLine.parse(s).orElseThrow();
    }
}
