package dev.vigil.git;

import java.util.regex.Pattern;

/**
 * Limits and conventions of feature extraction.
 *
 * @param maxFileBytes     files larger than this (before or after) get no line counts (flag TRUNCATED): diffing
 *                         a 50 MB generated file costs seconds and says nothing about risk
 * @param maxFilesPerCommit a commit touching more files keeps only the first this many for line counts
 * @param maxRangeCommits  ranges longer than this keep only the newest commits (flag RANGE_CAPPED)
 * @param fixPattern       commit messages matching it (find, not full match) make FIX = 1
 */
public record ExtractionOptions(int maxFileBytes, int maxFilesPerCommit, int maxRangeCommits, Pattern fixPattern) {

    /** Keyword set in the spirit of commit-guru / Mockus and Votta: whole words, case-insensitive. */
    public static final Pattern DEFAULT_FIX = Pattern.compile(
            "\\b(fix(e[sd]|ing)?|bugs?|defects?|patch(e[sd])?|hotfix|crash(es)?|faults?|regressions?)\\b",
            Pattern.CASE_INSENSITIVE);

    public ExtractionOptions {
        if (maxFileBytes < 1 || maxFilesPerCommit < 1 || maxRangeCommits < 1) {
            throw new IllegalArgumentException("maxFileBytes, maxFilesPerCommit and maxRangeCommits must be >= 1, got "
                    + maxFileBytes + ", " + maxFilesPerCommit + ", " + maxRangeCommits);
        }
        if (fixPattern == null) {
            throw new IllegalArgumentException("fixPattern must not be null");
        }
    }

    public static ExtractionOptions defaults() {
        return new ExtractionOptions(1 << 20, 2_000, 1_000, DEFAULT_FIX);
    }
}
