package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/**
 * The PyOpenCL side of the naive-kernel parity check ({@code gpu/parity/naive_pyopencl.py}) runs
 * the program JOCL runs, and runs: its copy of the kernel text is {@link MatMulKernels#OPENCL}
 * character for character, and where Debian's python3-pyopencl and python3-numpy are installed it
 * multiplies correctly on this machine's OpenCL device with the launch the bench uses.
 */
@Timeout(180)
class PyOpenClParityTest {

    private static final Path SCRIPT = Path.of("parity", "naive_pyopencl.py");
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void theScriptRunsTheProgramTextJoclRuns() throws IOException {
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?s)PROGRAM = \"\"\"(.*?)\"\"\"").matcher(script);
        assertTrue(m.find(), "no PROGRAM = \"\"\"...\"\"\" in " + SCRIPT);
        assertEquals(MatMulKernels.OPENCL, m.group(1));
    }

    @Test
    void theScriptMultipliesWithTheBenchLaunchAndPrintsNumpyToo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing");
        Assumptions.assumeTrue(run(List.of(PYTHON, "-c", "import pyopencl, numpy"), 60).exit() == 0,
                "python3-pyopencl or python3-numpy is not installed (apt-get install python3-pyopencl python3-numpy)");
        Assumptions.assumeTrue(OpenClPresence.device().isPresent(), "no OpenCL device");
        var out = run(List.of(PYTHON, SCRIPT.toString(), "40", "1"), 150);
        assertEquals(0, out.exit(), out.text());
        assertTrue(out.text().contains("build options: ''; global 48x48"), out.text());
        Matcher err = Pattern.compile("local 16x16 \\(as JOCL\\): .* max rel err ([0-9.e+-]+)").matcher(out.text());
        assertTrue(err.find(), out.text());
        assertTrue(Double.parseDouble(err.group(1)) < 1e-4, out.text());
        assertTrue(out.text().contains("numpy a @ b n=40"), out.text());
    }

    private record Output(int exit, String text) {
    }

    private static Output run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            // the output is small (a few lines); read it after the process ends or times out
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                return new Output(-1, "still running after " + seconds + " s: " + command);
            }
            return new Output(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
