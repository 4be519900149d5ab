package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.git.ChangeFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitEvaluationCommandTest {

    private static final String HEADER = ",_id,date,bug,__,ns,nd,nf,entrophy,la,ld,lt,fix,ndev,age,nuc,exp,rexp,sexp";

    @Test
    void readsTheJitExportIgnoringRowNumberColumns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, HEADER + "\n0,abc,1420046511,1,0,1,2,3,0.5,10,4,300,0,5,12.5,40,100,20.5,30\n");
        LabeledChange row = JitCsv.read(csv).get(0);
        assertEquals("abc", row.id());
        assertEquals(1420046511L, row.epochSeconds());
        assertTrue(row.failed());
        assertEquals(new ChangeFeatures(1, 2, 3, 0.5, 10, 4, 300, 0, 5, 12.5, 40, 100, 20.5, 30), row.features());
    }

    @Test
    void namesTheLineAndColumnOfABadCell(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, HEADER + "\n0,abc,1420046511,1,0,1,2,3,0.5,ten,4,300,0,5,12.5,40,100,20.5,30\n");
        var e = assertThrows(IllegalArgumentException.class, () -> JitCsv.read(csv));
        assertTrue(e.getMessage().endsWith("d.csv:2: column 'la' is not a number: 'ten'"), e.getMessage());
    }

    @Test
    void writesOneProbabilityPerTestRowInInputOrder(@TempDir Path dir) throws Exception {
        List<LabeledChange> changes = SyntheticChanges.generate(600, 11);
        Path train = write(dir.resolve("train.csv"), changes.subList(0, 500));
        Path test = write(dir.resolve("test.csv"), changes.subList(500, 600));
        Path out = dir.resolve("out.csv");
        Path report = dir.resolve("report.txt");
        Path model = dir.resolve("model.json");

        String summary = JitEvaluationCommand.run(Map.of("--train", train.toString(), "--test", test.toString(),
                "--output", out.toString(), "--report", report.toString(), "--model", model.toString()));

        List<String> lines = Files.readAllLines(out);
        assertEquals("_id,probability,uncalibrated", lines.get(0));
        assertEquals(101, lines.size());
        assertTrue(lines.get(1).startsWith("c500,"), lines.get(1));
        double p = Double.parseDouble(lines.get(1).split(",")[1]);
        assertTrue(p >= 0 && p <= 1);
        assertTrue(summary.contains("winner="), summary);
        assertEquals(summary + "\n", Files.readString(report));
        assertEquals(p, ModelCodec.read(model).predict(changes.get(500).features().toArray()));
    }

    @Test
    void rejectsUnknownAndMissingOptions() {
        assertThrows(IllegalArgumentException.class, () -> JitEvaluationCommand.parse(new String[] {"--trian", "x"}));
        var e = assertThrows(IllegalArgumentException.class,
                () -> JitEvaluationCommand.parse(new String[] {"--train", "a", "--test", "b"}));
        assertEquals("missing required option --output", e.getMessage());
    }

    private static Path write(Path file, List<LabeledChange> changes) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int i = 0;
        for (LabeledChange c : changes) {
            double[] f = c.features().toArray();
            csv.append(i).append(',').append(c.id()).append(',').append(c.epochSeconds()).append(',')
                    .append(c.failed() ? 1 : 0).append(',').append(i++);
            for (double v : f) {
                csv.append(',').append(String.format(Locale.ROOT, "%s", v));
            }
            csv.append('\n');
        }
        return Files.writeString(file, csv.toString());
    }
}
