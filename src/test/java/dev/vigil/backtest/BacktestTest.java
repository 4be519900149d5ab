package dev.vigil.backtest;

import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestTest {

    @Test
    void writesOneScoredRowPerInputRowInOrder() {
        String csv = csv(300, 17);
        List<String> out = run(csv);
        List<String> in = csv.lines().toList();
        assertEquals("timestamp,value,anomaly_score", out.get(0));
        assertEquals(in.size(), out.size());
        for (int i = 1; i < in.size(); i++) {
            assertTrue(out.get(i).startsWith(in.get(i) + ","), "row " + i);
        }
    }

    @Test
    void isStrictlyCausalScoresOfAPrefixDoNotDependOnLaterRows() {
        String full = csv(400, 5);
        String prefix = String.join("\n", full.lines().limit(251).toList()) + "\n";
        List<String> a = run(full);
        List<String> b = run(prefix);
        assertEquals(b, a.subList(0, b.size()));
    }

    @Test
    void acceptsNabIsoAndEpochTimestamps() {
        assertEquals(1_396_310_400_000L, Timestamps.parseMillis("2014-04-01 00:00:00"));
        assertEquals(1_396_310_400_000L, Timestamps.parseMillis("2014-04-01T00:00:00Z"));
        assertEquals(1_396_310_400_000L, Timestamps.parseMillis("2014-04-01T02:00:00+02:00"));
        assertEquals(1_396_310_400_000L, Timestamps.parseMillis("1396310400"));
        assertEquals(1_396_310_400_000L, Timestamps.parseMillis("1396310400000"));
    }

    @Test
    void namesTheLineOfAnUnreadableTimestamp() {
        var e = assertThrows(IllegalArgumentException.class, () -> run("timestamp,value\nyesterday,1\n"));
        assertTrue(e.getMessage().startsWith("line 2: unreadable timestamp 'yesterday'"), e.getMessage());
    }

    @Test
    void scoresEveryCsvUnderADirectoryToTheSameRelativePath(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("a/b"));
        Files.writeString(in.resolve("top.csv"), csv(50, 1));
        Files.writeString(in.resolve("a/b/deep.csv"), csv(80, 2));
        Files.writeString(in.resolve("a/notes.txt"), "not a csv");
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BacktestCommand.run(BacktestArgs.parse(new String[] {"--input", in.toString(),
                "--output", out.toString()}), new PrintStream(err));
        assertEquals(0, code);
        assertEquals(51, Files.readAllLines(out.resolve("top.csv")).size());
        assertEquals(81, Files.readAllLines(out.resolve("a/b/deep.csv")).size());
        assertTrue(Files.notExists(out.resolve("a/notes.txt")));
        assertEquals("", err.toString(), "no progress bar without a terminal");
    }

    @Test
    void usesTheDefinitionGivenWithDetector(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("latency.csv");
        Files.writeString(in, csv(300, 4).replaceFirst("(?m)^(2014-04-01 16:40:00),.*$", "$1,-20"));
        Path definition = tmp.resolve("up-only.yaml");
        Files.writeString(definition, "detectors:\n  - name: up-only\n    direction: up\n");
        double withDefault = scoreAtRow(tmp, in, null, 200);
        double upOnly = scoreAtRow(tmp, in, definition, 200);
        assertTrue(withDefault >= 0.75, "the default flags the dip: " + withDefault);
        assertTrue(upOnly < 0.1, "direction: up ignores it: " + upOnly);
    }

    private static double scoreAtRow(Path tmp, Path in, Path definition, int row) throws IOException {
        Path out = tmp.resolve("scored-" + (definition == null ? "default" : "custom") + ".csv");
        String[] args = definition == null
                ? new String[] {"--input", in.toString(), "--output", out.toString()}
                : new String[] {"--input", in.toString(), "--output", out.toString(), "--detector", definition.toString()};
        assertEquals(0, BacktestCommand.run(BacktestArgs.parse(args), new PrintStream(new ByteArrayOutputStream())));
        String line = Files.readAllLines(out).get(row + 1);
        assertTrue(line.startsWith("2014-04-01 16:40:00,-20,"), line);
        return Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
    }

    @Test
    void rejectsUnknownOptionsByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BacktestArgs.parse(new String[] {"--inptu", "x"}));
        assertEquals("unknown option --inptu", e.getMessage());
    }

    private static List<String> run(String csv) {
        StringWriter out = new StringWriter();
        Backtest.run(new StringReader(csv), out, new SeasonalDetector(DetectorSettings.defaults()));
        return out.toString().lines().toList();
    }

    private static String csv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < rows; i++) {
            long minutes = 5L * i;
            sb.append(String.format("2014-04-%02d %02d:%02d:00,%.3f%n", 1 + minutes / 1440, minutes / 60 % 24,
                    minutes % 60, 10 + random.nextGaussian() + (i == rows / 2 ? 30 : 0)));
        }
        return sb.toString();
    }
}
