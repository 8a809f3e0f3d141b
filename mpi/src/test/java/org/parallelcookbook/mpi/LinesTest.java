package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.mpi.launch.RankLine;

/** The int lists and line patterns of the recipes' rank lines, read back in the launching JVM. */
class LinesTest {

    @Test
    void intListsRoundTripIncludingTheEmptyListNegativesAndSpaces() {
        assertEquals("[1, -2, 3]", Lines.ints(new int[] {1, -2, 3}));
        assertArrayEquals(new int[] {1, -2, 3}, Lines.ints("[1, -2, 3]"));
        assertArrayEquals(new int[] {7}, Lines.ints("  [ 7 ]  "));
        assertArrayEquals(new int[0], Lines.ints("[]"));
        assertArrayEquals(new int[0], Lines.ints(" [ ] "));
    }

    @Test
    void textThatIsNotAListOfIntsIsRefused() {
        for (String bad : List.of("1, 2", "[1, 2", "1, 2]", "")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Lines.ints(bad));
            assertEquals("not a list of ints: " + bad, e.getMessage());
        }
        assertThrows(NumberFormatException.class, () -> Lines.ints("[1, x]"));
    }

    @Test
    void matchGivesTheGroupsOfTheWholeTextAndNamesTheLineOtherwise() {
        Pattern sent = Pattern.compile("sent (-?\\d+)");
        assertEquals("-4", Lines.match(sent, RankLine.of(1, 2, "sent -4")).group(1));
        var e = assertThrows(IllegalArgumentException.class, () -> Lines.match(sent, RankLine.of(1, 2, "sent -4 and more")));
        assertEquals("unexpected line 'rank 1 of 2: sent -4 and more' (expected sent (-?\\d+))", e.getMessage());
    }
}
