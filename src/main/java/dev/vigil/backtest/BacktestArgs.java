package dev.vigil.backtest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Parsed command line of {@link BacktestCommand}; every mistake is reported by name. */
record BacktestArgs(Path input, Path output, Path detector) {

    static BacktestArgs parse(String[] args) {
        Path input = null, output = null, detector = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            Path value = Path.of(args[++i]);
            switch (flag) {
                case "--input" -> input = value;
                case "--output" -> output = value;
                case "--detector" -> detector = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (input == null || output == null) {
            throw new IllegalArgumentException("--input and --output are required");
        }
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("--input " + input + " does not exist");
        }
        if (Files.isDirectory(input) && Files.isRegularFile(output)) {
            throw new IllegalArgumentException("--input is a directory, so --output must be one too: " + output);
        }
        if (detector != null && !Files.isRegularFile(detector)) {
            throw new IllegalArgumentException("--detector " + detector + " is not a file");
        }
        return new BacktestArgs(input, output, detector);
    }
}
