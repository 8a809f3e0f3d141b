package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one line format of every rank's result: printed on the rank, parsed back by the launcher. No ranks run here. */
class RankLineTest {

    @Test
    void rankLinesRoundTrip() {
        var line = RankLine.parse("rank 3 of 4: mesh coords (1, 1) up 1 down -3 left 2 right -3").orElseThrow();
        assertEquals(3, line.rank());
        assertEquals(4, line.size());
        assertEquals("mesh coords (1, 1) up 1 down -3 left 2 right -3", line.text());
        assertTrue(RankLine.parse("rank 4 of 4: out of range").isEmpty());
        assertTrue(RankLine.parse("MPJ Express (0.44) is started").isEmpty());
    }

    @Test
    void aLineIsPrintedInTheFormatAndParsedBackToItself() {
        var l = RankLine.of(3, 4, "before -1 after 100");
        assertEquals(new RankLine(3, 4, "before -1 after 100"), l);
        assertEquals("rank 3 of 4: before -1 after 100", l.format());
        assertEquals(l.format(), l.toString());
        assertEquals(Optional.of(l), RankLine.parse(l.format()));
        assertEquals(Optional.of(new RankLine(0, 1, "")), RankLine.parse("rank 0 of 1: "));
    }

    @Test
    void onlyLinesInTheFormatWithARankOfTheRunParse() {
        assertEquals(Optional.empty(), RankLine.parse("rank 5 of 4: beyond the run"));
        assertEquals(Optional.empty(), RankLine.parse("rank 0 of 0: a run of no ranks"));
        assertEquals(Optional.empty(), RankLine.parse("rank -1 of 2: negative"));
        assertEquals(Optional.empty(), RankLine.parse("rank 1 of 2:no space"));
        assertEquals(Optional.empty(), RankLine.parse("  rank 1 of 2: indented"));
        assertEquals(Optional.empty(), RankLine.parse("rank 1 of 99999999999: too large for an int"));
    }

    @Test
    void aRankOutsideItsRunIsRefused() {
        for (int[] bad : new int[][] {{-1, 2}, {2, 2}, {3, 2}, {0, 0}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new RankLine(bad[0], bad[1], "x"));
            assertEquals("rank " + bad[0] + " of " + bad[1], e.getMessage());
        }
        assertEquals(0, new RankLine(0, 1, "x").rank());
        assertEquals(1, new RankLine(1, 2, "x").rank());
    }
}
