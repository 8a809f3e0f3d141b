package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.mpi.launch.Device;

/** A recipe's launcher options, read from a command line: no ranks run here. */
class MpiOptionsTest {

    @TempDir
    Path tmp;

    private static String usage(Executable parse) {
        return assertThrows(UsageException.class, parse).getMessage();
    }

    @Test
    void multicoreOptionsAndEachWithChangingOneField() {
        var o = MpiOptions.multicore(3);
        assertEquals(3, o.np());
        assertEquals(Device.MULTICORE, o.device());
        assertNull(o.machines());
        assertEquals(Duration.ofSeconds(60), o.timeout());
        Consumer<String> echo = line -> { };
        assertEquals(new MpiOptions(3, Device.MULTICORE, null, Duration.ofSeconds(5), o.echo()), o.withTimeout(Duration.ofSeconds(5)));
        assertEquals(new MpiOptions(3, Device.MULTICORE, null, Duration.ofSeconds(60), echo), o.withEcho(echo));
        assertEquals(new MpiOptions(7, Device.MULTICORE, null, Duration.ofSeconds(60), o.echo()), o.withNp(7));
    }

    @Test
    void parseTakesTheLauncherOptionsInBothFormsAndLeavesTheRest() {
        var p = MpiOptions.parse(new String[] {"--np", "4", "ordered", "--timeout=7", "--dev", "multicore", "--verbose", "x"}, 9, 2);
        assertEquals(4, p.options().np());
        assertEquals(Device.MULTICORE, p.options().device());
        assertNull(p.options().machines());
        assertEquals(Duration.ofSeconds(7), p.options().timeout());
        assertEquals(List.of("ordered", "--verbose", "x"), p.rest());
        var defaults = MpiOptions.parse(new String[0], 9, 2);
        assertEquals(9, defaults.options().np());
        assertEquals(Duration.ofSeconds(60), defaults.options().timeout());
        assertEquals(List.of(), defaults.rest());
        var eq = MpiOptions.parse(new String[] {"--np=3", "a", "--dev=multicore"}, 9, 2);
        assertEquals(3, eq.options().np());
        assertEquals(List.of("a"), eq.rest());
    }

    @Test
    void parseTakesNiodevWithAnExistingMachinesFileOnly() throws Exception {
        Path machines = tmp.resolve("machines");
        assertEquals("--dev must be multicore or niodev, got 'tcp'", usage(() -> MpiOptions.parse(new String[] {"--dev", "tcp"}, 2, 1)));
        assertEquals("--dev niodev needs --machines FILE (one host per line, each running an MPJ daemon)",
                usage(() -> MpiOptions.parse(new String[] {"--dev", "niodev"}, 2, 1)));
        assertEquals("--machines: no such file: " + machines,
                usage(() -> MpiOptions.parse(new String[] {"--dev", "niodev", "--machines", machines.toString()}, 2, 1)));
        assertEquals("--machines is only for --dev niodev", usage(() -> MpiOptions.parse(new String[] {"--machines", machines.toString()}, 2, 1)));
        Files.writeString(machines, "localhost\n");
        var nio = MpiOptions.parse(new String[] {"--dev", "NIODEV", "--machines", machines.toString(), "rest"}, 2, 1);
        assertEquals(Device.NIODEV, nio.options().device());
        assertEquals(machines, nio.options().machines());
        assertEquals(List.of("rest"), nio.rest());
        usage(() -> MpiOptions.parse(new String[] {"--np", "1"}, 2, 2));
        usage(() -> MpiOptions.parse(new String[] {"--timeout", "0"}, 2, 1));
    }

    @Test
    void declaredOptionsAreReadBackWithTheSameRules() throws Exception {
        RecipeOptions declared = MpiOptions.declare(RecipeOptions.named("test.mpi", "MPI options"), 5, 2);
        var defaults = MpiOptions.from(declared.parse(new String[0]));
        assertEquals(5, defaults.np());
        assertEquals(Device.MULTICORE, defaults.device());
        assertNull(defaults.machines());
        assertEquals(Duration.ofSeconds(60), defaults.timeout());
        var given = MpiOptions.from(declared.parse(new String[] {"--np", "3", "--timeout", "9"}));
        assertEquals(3, given.np());
        assertEquals(Duration.ofSeconds(9), given.timeout());
        usage(() -> declared.parse(new String[] {"--np", "1"}));
        Path machines = tmp.resolve("machines");
        assertEquals("--dev niodev needs --machines FILE (one host per line, each running an MPJ daemon)",
                usage(() -> MpiOptions.from(declared.parse(new String[] {"--dev", "niodev"}))));
        assertEquals("--machines: no such file: " + machines,
                usage(() -> MpiOptions.from(declared.parse(new String[] {"--dev", "niodev", "--machines", machines.toString()}))));
        assertEquals("--machines is only for --dev niodev",
                usage(() -> MpiOptions.from(declared.parse(new String[] {"--machines", machines.toString()}))));
        Files.writeString(machines, "localhost\n");
        var nio = MpiOptions.from(declared.parse(new String[] {"--dev", "niodev", "--machines", machines.toString()}));
        assertEquals(Device.NIODEV, nio.device());
        assertEquals(machines, nio.machines());
    }
}
