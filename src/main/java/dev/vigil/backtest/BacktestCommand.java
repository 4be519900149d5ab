package dev.vigil.backtest;

import dev.vigil.detect.Detector;
import dev.vigil.detect.definition.DefinitionLoader;
import dev.vigil.detect.definition.DetectorDefinition;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code vigil-backtest --input FILE|DIR --output FILE|DIR [--detector FILE]}: scores CSV files with a detector
 * definition (default: the shipped catch-all). A directory is walked recursively; each {@code *.csv} is its own
 * series and its result lands at the same relative path under the output directory.
 */
public final class BacktestCommand {

    private static final String USAGE = "usage: vigil-backtest --input FILE|DIR --output FILE|DIR [--detector FILE]";

    private BacktestCommand() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(BacktestArgs.parse(args), System.err));
        } catch (IllegalArgumentException e) {
            System.err.println("vigil-backtest: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static int run(BacktestArgs args, PrintStream err) {
        DetectorDefinition definition = args.detector() == null
                ? DefinitionLoader.shippedDefault()
                : DefinitionLoader.loadSingle(args.detector());
        Supplier<Detector> detectors = definition::newDetector;
        try {
            if (Files.isDirectory(args.input())) {
                return runDirectory(args.input(), args.output(), detectors, err);
            }
            runFile(args.input(), args.output(), detectors);
            return 0;
        } catch (IOException e) {
            err.println("vigil-backtest: " + e);
            return 1;
        }
    }

    private static int runDirectory(Path in, Path out, Supplier<Detector> detectors, PrintStream err)
            throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p)).sorted().toList();
        }
        Progress progress = new Progress(files.size(), System.console() != null ? err : null);
        for (Path file : files) {
            runFile(file, out.resolve(in.relativize(file).toString()), detectors);
            progress.advance(in.relativize(file).toString());
        }
        progress.done();
        return 0;
    }

    private static void runFile(Path in, Path out, Supplier<Detector> detectors) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Reader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            Backtest.run(r, w, detectors.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(in + ": " + e.getMessage(), e);
        }
    }
}
