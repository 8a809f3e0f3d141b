package org.parallelcookbook.core.launch;

import java.util.List;

/**
 * What a finished child JVM left: its exit status and the output captured from it.
 *
 * @param name     the child's name
 * @param pid      its process id
 * @param exitCode its exit status (on Linux 128 + n when killed by signal n, e.g. 143 for SIGTERM)
 * @param stdout   everything it printed on standard output (empty when not captured)
 * @param stderr   everything it printed on standard error (empty when not captured)
 */
public record ChildResult(String name, long pid, int exitCode, String stdout, String stderr) {

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    public List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** Returns this result, or throws a {@link ChildJvmException} naming the child when it failed. */
    public ChildResult requireSuccess() {
        if (exitCode != 0) {
            throw new ChildJvmException(name, pid, exitCode, "child JVM '" + name + "' (pid " + pid
                    + ") exited with status " + exitCode + describe(exitCode) + tail(stderr));
        }
        return this;
    }

    static String describe(int exitCode) {
        if (exitCode == ChildMain.ORPHANED) {
            return " (halted: its parent was gone)";
        }
        if (exitCode > 128 && exitCode < 160) {
            return " (killed by signal " + (exitCode - 128) + ")";
        }
        return "";
    }

    static String tail(String stderr) {
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
        return "; stderr: " + String.join(" | ", last);
    }
}
