package org.parallelcookbook.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.measure.ScalingExperiment;
import org.parallelcookbook.core.measure.ScalingResult;
import org.parallelcookbook.core.measure.ScalableWorkload;

class ReportTest {

    static ScalingResult fakeStudy() throws Exception {
        long[] now = {0};
        ScalableWorkload w = new ScalableWorkload() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Object run(String variant, int workers) {
                now[0] += 1_000_000_000L / workers;
                return null;
            }
        };
        return ScalingExperiment.of(w).id("x.fake").workers(List.of(1, 2)).warmup(0).trials(2)
                .clock(() -> now[0]).build().run();
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        String json = ScalingReport.json(fakeStudy());
        assertTrue(json.startsWith("{\"id\":\"x.fake\""), json);
        assertTrue(json.contains("\"cores\":" + Runtime.getRuntime().availableProcessors()), json);
        assertTrue(json.contains("\"points\":[{\"workers\":1,\"median_s\":1,\"min_s\":1,\"max_s\":1,\"speedup\":1,\"efficiency\":1"), json);
        assertTrue(json.contains("{\"workers\":2,\"median_s\":0.5,\"min_s\":0.5,\"max_s\":0.5,\"speedup\":2,\"efficiency\":1"), json);
        assertTrue(json.contains("\"karp_flatt\":null"), "NaN becomes null: " + json);
    }

    @Test
    void csvAndTable() throws Exception {
        ScalingResult r = fakeStudy();
        List<String> csv = ScalingReport.csv(r).lines().toList();
        assertEquals("id,variant,workers,median_s,min_s,max_s,speedup,efficiency,karp_flatt,amdahl", csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(2).startsWith("x.fake,default,2,0.500000,"), csv.get(2));
        String table = ScalingReport.table(r);
        assertTrue(table.contains("workers"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("2\\s+500\\.00 ms.*2\\.00\\s+1\\.00.*")), table);
    }

    @Test
    void jsonEscapesAndNests() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\u0001");
        m.put("l", List.of(1, 2.5, true));
        m.put("n", null);
        m.put("x", Double.NaN);
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"l\":[1,2.5,true],\"n\":null,\"x\":null}", Json.write(m));
        assertEquals("0.000123457", Json.write(0.000123456789));
    }

    @Test
    void textTableAlignsAndChecksWidth() {
        TextTable t = new TextTable("name", "n").row("a", 10).row("bbb", 2);
        assertEquals("name   n\n----  --\na     10\nbbb    2\n", t.render());
        assertEquals("| name | n |\n|---|---|\n| a | 10 |\n| bbb | 2 |\n", t.markdown());
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
    }

    @Test
    void textTableAlignsTextLeftNumbersRightAndDropsEmptyColumns() {
        TextTable t = new TextTable("id", "status", "seconds", "note").row("ch2.semaphore", "ok", "1.5", "")
                .row("x", "skipped", "12.25", "");
        assertEquals("id             status   seconds\n-------------  -------  -------\n"
                + "ch2.semaphore  ok           1.5\nx              skipped    12.25\n", t.render());
        TextTable units = new TextTable("variant", "time").row("threads", "12.3 ms").row("pool", "1.20 s");
        assertEquals("variant     time\n-------  -------\nthreads  12.3 ms\npool      1.20 s\n", units.render());
    }

    @Test
    void chartsAreWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
        ScalingResult r = fakeStudy();
        Path png = Charts.write(Charts.speedup(r), dir.resolve("s.png"));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        Path svg = Charts.write(Charts.bars("t", "GFLOP/s", List.of("a", "b"), List.of(1.0, 2.0)), dir.resolve("b.svg"));
        assertTrue(Files.readString(svg).contains("<svg"));
        assertThrows(IllegalArgumentException.class, () -> Charts.write(Charts.speedup(r), dir.resolve("c.gif")));
    }
}
