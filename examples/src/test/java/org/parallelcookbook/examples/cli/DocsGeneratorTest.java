package org.parallelcookbook.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.gpu.cuda.CudaSupport;

/**
 * The docs generator on pages of its own (in a scratch checkout): a fence with several commands, a
 * command that exits 77 because a part is missing, and files a command writes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DocsGeneratorTest {

    static final Duration LIMIT = Duration.ofSeconds(120);

    /** Where the CUDA libraries are looked for in the documented commands' JVMs: nowhere, so CUDA recipes exit 77. */
    static final List<String> NO_CUDA = List.of("-D" + CudaSupport.LIBRARY_PATH + "=/nonexistent-cuda-libraries");

    @RegisterExtension
    final CliCapture cli = new CliCapture();

    @TempDir
    Path checkout;

    @AfterEach
    void restoreHook() {
        DocsCommand.childJvmOptions = List.of();
    }

    private Path page(String... lines) throws Exception {
        Path docs = Files.createDirectories(checkout.resolve("docs"));
        Path page = docs.resolve("page.md");
        Files.write(page, List.of(lines));
        return page;
    }

    private static List<String> fence(Path page) throws Exception {
        List<String> lines = Files.readAllLines(page);
        int open = lines.indexOf("```");
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close);
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::stripTrailing).toList();
    }

    @Test
    void aFenceWithSeveralCommandsShowsEachUnderItsOwnLineAndIsCheckedAsAWhole() throws Exception {
        Path page = page("# a page", "", "<!-- output: exact -->", "", "```",
                "$ ./cookbook list --chapter 1", "stale", "$ ./cookbook list --chapter 6   # the GPU chapter", "stale too", "```",
                "", "after");
        DocsCommand.regenerate(page, DocsCommand.blocks(page), LIMIT, false);

        assertEquals(0, cli.run("list", "--chapter", "1"));
        List<String> first = lines(cli.out());
        assertEquals(0, cli.run("list", "--chapter", "6"));
        List<String> second = lines(cli.out());
        List<String> expected = new java.util.ArrayList<>();
        expected.add("$ ./cookbook list --chapter 1");
        expected.addAll(first);
        expected.add("");
        expected.add("$ ./cookbook list --chapter 6   # the GPU chapter");
        expected.addAll(second);
        assertEquals(expected, fence(page));
        List<String> all = Files.readAllLines(page);
        assertEquals("*Output of `./cookbook list --chapter 1; ./cookbook list --chapter 6` (the same on every run;"
                + " checked by the docs test).*", all.get(3));
        assertEquals("after", all.getLast());

        assertEquals(List.of(), DocsCommand.check(page, DocsCommand.blocks(page), LIMIT));

        // the second command's output drifts: the check names the line
        String text = Files.readString(page).replace("ch6.opencl-test", "ch6.opencl-tset");
        Files.writeString(page, text);
        List<DocsCommand.Drift> drifts = DocsCommand.check(page, DocsCommand.blocks(page), LIMIT);
        assertEquals(1, drifts.size(), drifts.toString());
        assertTrue(drifts.getFirst().what().contains("ch6.opencl-tset"), drifts.getFirst().what());
        assertFalse(drifts.getFirst().notice());
    }

    @Test
    void aFencedLineThatIsNotACookbookCommandIsRefused() throws Exception {
        Path page = page("<!-- output: varies -->", "", "```", "$ ./cookbook list", "x", "$ time ./cookbook list", "```");
        var e = assertThrows(CookbookCli.UsageError.class, () -> DocsCommand.blocks(page));
        assertTrue(e.getMessage().contains("page.md:1: line 6"), e.getMessage());
    }

    @Test
    void aBlockFromAMachineWithTheNeededPartIsKeptWhereItIsMissingAndTheCheckSaysSoInOneLine() throws Exception {
        DocsCommand.childJvmOptions = NO_CUDA;
        Path page = page("<!-- output: varies; why: the GPUs of this machine; needs: an NVIDIA GPU with CUDA -->",
                "*One run on gpu-box (64 cores, 512 GiB, JDK 25, 2026-12-01); the output varies from run to run (the GPUs of"
                        + " this machine).* *Needs an NVIDIA GPU with CUDA: where that is missing the command exits 77, and"
                        + " the generator keeps this block.*",
                "", "```", "$ ./cookbook run ch6.cuda-device-query", "Device 0: a GPU, capability 9.0", "```");
        String before = Files.readString(page);

        DocsCommand.regenerate(page, DocsCommand.blocks(page), LIMIT, true);
        assertEquals(before, Files.readString(page), "the GPU machine's output is kept, not replaced by the skip");

        List<DocsCommand.Drift> found = DocsCommand.check(page, DocsCommand.blocks(page), LIMIT);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.getFirst().notice(), "a skip is no drift");
        assertTrue(found.getFirst().what().startsWith("not checked here: needs an NVIDIA GPU with CUDA (exit 77: unavailable: "),
                found.getFirst().what());

        Path docs = page.getParent();
        assertEquals(0, cli.run("docs", "--check", "--dir", docs.toString()), cli.out() + cli.err());
        List<String> out = lines(cli.out());
        assertEquals(2, out.size(), cli.out());
        assertTrue(out.get(0).startsWith("page.md:1: ./cookbook run ch6.cuda-device-query: not checked here: needs an NVIDIA"
                + " GPU with CUDA (exit 77: "), out.get(0));
        assertEquals("1 marked block(s) in 1 page(s), all as the code prints them now (1 not checked here: they need a part"
                + " this machine lacks)", out.get(1));
    }

    @Test
    void aNeededPartNoGeneratorHadYetLeavesTheSkipUnderANoteThatSaysSo() throws Exception {
        DocsCommand.childJvmOptions = NO_CUDA;
        Path page = page("<!-- output: shape; needs: an NVIDIA GPU with CUDA -->", "", "```",
                "$ ./cookbook run ch6.cuda-memory --size 5", "```");
        DocsCommand.regenerate(page, DocsCommand.blocks(page), LIMIT, false);
        List<String> all = Files.readAllLines(page);
        assertTrue(all.get(1).startsWith("*Needs an NVIDIA GPU with CUDA, which "), all.get(1));
        assertTrue(all.get(1).contains("the output is not generated yet"), all.get(1));
        List<String> shown = fence(page);
        assertEquals(3, shown.size(), shown.toString());
        assertTrue(shown.get(1).startsWith("unavailable: no CUDA device found"), shown.get(1));
        assertEquals("(exit 77)", shown.get(2));

        List<DocsCommand.Drift> found = DocsCommand.check(page, DocsCommand.blocks(page), LIMIT);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.getFirst().notice(), found.getFirst().what());

        // where the part is present (here: a command that needs nothing), the pending block is a drift to regenerate
        Files.writeString(page, Files.readString(page).replace("run ch6.cuda-memory --size 5", "list --chapter 6"));
        List<DocsCommand.Drift> present = DocsCommand.check(page, DocsCommand.blocks(page), LIMIT);
        assertEquals(1, present.size(), present.toString());
        assertFalse(present.getFirst().notice());
        assertEquals("needs an NVIDIA GPU with CUDA, which is here: generate its output with ./cookbook docs page.md",
                present.getFirst().what());
    }

    @Test
    void aCommandThatExits77InABlockNotMarkedNeedsFailsLoudlyAndWritesNothing() throws Exception {
        DocsCommand.childJvmOptions = NO_CUDA;
        Path page = page("<!-- output: varies; why: the GPUs -->", "", "```", "$ ./cookbook run ch6.cuda-device-query",
                "Device 0: a GPU", "```");
        String before = Files.readString(page);
        var e = assertThrows(IllegalStateException.class,
                () -> DocsCommand.regenerate(page, DocsCommand.blocks(page), LIMIT, false));
        assertTrue(e.getMessage().contains("exited 77") && e.getMessage().contains("needs: WHAT"), e.getMessage());
        assertEquals(before, Files.readString(page));
    }

    @Test
    void filesACommandWritesLandInTheCheckoutWhenGeneratedAndInAScratchDirectoryWhenChecked() throws Exception {
        Path page = page("<!-- output: shape; test-args: --max-iter 5 -->", "", "```",
                "$ ./cookbook compare mandelbrot --size 16x16 --warmup 0 --trials 1 --models sequential"
                        + " --image docs/img/m.png --json docs/img/m.json",
                "```");
        Path img = Files.createDirectories(page.getParent().resolve("img"));
        DocsCommand.regenerate(page, DocsCommand.blocks(page), LIMIT, false);
        assertTrue(Files.size(img.resolve("m.png")) > 0);
        assertTrue(Files.readString(img.resolve("m.json")).contains("sequential"));
        assertTrue(fence(page).size() > 3, fence(page).toString());

        Files.delete(img.resolve("m.png"));
        Files.delete(img.resolve("m.json"));
        assertEquals(List.of(), DocsCommand.check(page, DocsCommand.blocks(page), LIMIT));
        assertFalse(Files.exists(img.resolve("m.png")), "the check leaves the page's files alone");
        assertFalse(Files.exists(img.resolve("m.json")));
    }
}
