package dev.vigil.git;

import java.util.Objects;

/**
 * One file touched by one commit.
 *
 * @param path        path after the change (for a deletion: the deleted path)
 * @param oldPath     path before the change; differs from {@code path} on a rename, null for an added file
 * @param added       lines added (0 for binary or truncated files)
 * @param deleted     lines deleted (0 for binary or truncated files)
 * @param linesBefore lines in the file before the change (0 for an added, binary or truncated file)
 * @param counted     false when the file is binary or over the size cap, so its line counts are unknown
 */
public record FileChange(String path, String oldPath, int added, int deleted, int linesBefore, boolean counted) {

    public FileChange {
        Objects.requireNonNull(path, "path");
        if (added < 0 || deleted < 0 || linesBefore < 0) {
            throw new IllegalArgumentException(path + ": line counts must be >= 0, got added " + added + ", deleted "
                    + deleted + ", linesBefore " + linesBefore);
        }
    }

    /** The directory holding the file ("" at the repository root). */
    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The subsystem: the first path component for files in a directory, "" for files at the root. */
    public String subsystem() {
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public int churn() {
        return added + deleted;
    }
}
