package dev.vigil.backtest;

import java.io.PrintStream;

/** A one-line progress bar, drawn only when there is a terminal to draw on (null stream = silent). */
final class Progress {

    private static final int WIDTH = 30;
    private final int total;
    private final PrintStream out;
    private int done;

    Progress(int total, PrintStream out) {
        this.total = total;
        this.out = out;
    }

    void advance(String label) {
        done++;
        if (out == null) {
            return;
        }
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String name = label.length() > 40 ? "..." + label.substring(label.length() - 37) : label;
        out.printf("\r[%s%s] %d/%d %-40s", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, name);
        out.flush();
    }

    void done() {
        if (out != null) {
            out.println();
        }
    }
}
