package dev.vigil.backtest;

import dev.vigil.detect.Detector;
import dev.vigil.detect.definition.DetectorDefinition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Replays a CSV of {@code timestamp,value} through one detector, strictly in file order: each row is scored
 * before the detector sees any later row. Writes {@code timestamp,value,anomaly_score}, the same rows in the
 * same order, timestamp and value copied verbatim. Plain Java so the API can offer the same thing.
 */
public final class Backtest {

    /** Summary of one run. */
    public record Result(long rows, long scored, long warmUp) {
    }

    private Backtest() {
    }

    /** Backtests a definition: a fresh detector from it, as a new series would get. */
    public static Result run(Reader input, Writer output, DetectorDefinition definition) {
        return run(input, output, definition.newDetector());
    }

    public static Result run(Reader input, Writer output, Detector detector) {
        try {
            return copyScored(new BufferedReader(input, 1 << 16), output, detector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result copyScored(BufferedReader in, Writer out, Detector detector) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new IllegalArgumentException("empty input: expected a header line 'timestamp,value'");
        }
        Columns columns = Columns.of(header);
        out.write("timestamp,value,anomaly_score\n");
        long rows = 0, warm = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            rows++;
            String[] cells = line.split(",", -1);
            if (cells.length <= Math.max(columns.time(), columns.value())) {
                throw new IllegalArgumentException("line " + (rows + 1) + ": expected at least 2 columns: " + line);
            }
            String ts = cells[columns.time()].strip();
            String value = cells[columns.value()].strip();
            var score = detector.score(parseTime(ts, rows), parseValue(value));
            warm += score.isWarmingUp() ? 1 : 0;
            out.write(ts + "," + value + "," + format(score.score()) + "\n");
        }
        out.flush();
        return new Result(rows, rows - warm, warm);
    }

    private static long parseTime(String ts, long row) {
        try {
            return Timestamps.parseMillis(ts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + (row + 1) + ": " + e.getMessage(), e);
        }
    }

    private static double parseValue(String v) {
        if (v.isEmpty()) {
            return Double.NaN; // a missing value is a gap, not an error
        }
        return Double.parseDouble(v);
    }

    private static String format(double score) {
        return score == 0 ? "0" : String.format(Locale.ROOT, "%.6f", score);
    }

    /** Where timestamp and value sit; defaults to the first two columns when the header names neither. */
    private record Columns(int time, int value) {
        static Columns of(String header) {
            String[] names = header.toLowerCase(Locale.ROOT).split(",");
            int t = -1, v = -1;
            for (int i = 0; i < names.length; i++) {
                String n = names[i].strip();
                if (t < 0 && (n.equals("timestamp") || n.equals("time"))) {
                    t = i;
                } else if (v < 0 && n.equals("value")) {
                    v = i;
                }
            }
            return t < 0 || v < 0 ? new Columns(0, 1) : new Columns(t, v);
        }
    }
}
