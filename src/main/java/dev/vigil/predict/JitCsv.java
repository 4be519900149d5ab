package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JIT defect CSV format ({@code _id,date,bug,ns,...,sexp}) by header name, so the leading unnamed row
 * number and the {@code __} column of the public export are ignored, and writes {@code _id,probability}.
 * The data has no quoted fields, so a plain split is enough; a row with the wrong column count fails loudly.
 */
public final class JitCsv {

    /** CSV header for each feature, in {@link ChangeFeatures#NAMES} order (the data set spells entropy "entrophy"). */
    static final List<String> FEATURE_COLUMNS = List.of(
            "ns", "nd", "nf", "entrophy", "la", "ld", "lt", "fix", "ndev", "age", "nuc", "exp", "rexp", "sexp");

    private JitCsv() {
    }

    /** Reads labelled rows; {@code bug} may be absent in a test file, in which case every row is labelled false. */
    public static List<LabeledChange> read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty file, expected a header row");
            }
            Map<String, Integer> index = indexHeader(header.split(",", -1), file);
            List<LabeledChange> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(parseRow(line.split(",", -1), index, file + ":" + lineNo));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Map<String, Integer> indexHeader(String[] header, Path file) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            index.put(header[i].trim().toLowerCase(Locale.ROOT), i);
        }
        index.put("#columns", header.length);
        List<String> required = new ArrayList<>(FEATURE_COLUMNS);
        required.add("_id");
        required.add("date");
        for (String column : required) {
            if (!index.containsKey(column)) {
                throw new IllegalArgumentException(file + ": missing column '" + column + "'");
            }
        }
        return index;
    }

    private static LabeledChange parseRow(String[] cells, Map<String, Integer> index, String where) {
        int expected = index.get("#columns");
        if (cells.length != expected) {
            throw new IllegalArgumentException(where + ": expected " + expected + " columns, got " + cells.length);
        }
        double[] values = new double[ChangeFeatures.COUNT];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(cells, index, FEATURE_COLUMNS.get(i), where);
        }
        boolean failed = index.containsKey("bug") && number(cells, index, "bug", where) == 1;
        long date = (long) number(cells, index, "date", where);
        return new LabeledChange(cells[index.get("_id")].trim(), date, failed, ChangeFeatures.of(values));
    }

    private static double number(String[] cells, Map<String, Integer> index, String column, String where) {
        String cell = cells[index.get(column)].trim();
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": column '" + column + "' is not a number: '" + cell + "'");
        }
    }

    /** Writes {@code _id,probability}, one row per change, in the given order. */
    /** {@code _id,probability,uncalibrated}: the model's calibrated probability and its score before calibration. */
    public static void writePredictions(Path file, List<String> ids, double[] probabilities, double[] uncalibrated) {
        if (ids.size() != probabilities.length || ids.size() != uncalibrated.length) {
            throw new IllegalArgumentException(
                    "expected " + ids.size() + " probabilities, got " + probabilities.length);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("_id,probability,uncalibrated\n");
            for (int i = 0; i < probabilities.length; i++) {
                out.write(ids.get(i) + "," + probabilities[i] + "," + uncalibrated[i] + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
