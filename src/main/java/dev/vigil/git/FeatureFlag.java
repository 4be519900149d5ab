package dev.vigil.git;

/** Why a commit's or range's features are approximate; carried with the features so a prediction can say so. */
public enum FeatureFlag {
    /** A merge commit: diffed against its first parent (see {@link JitFeatureExtractor}). */
    MERGE,
    /** A root commit: diffed against the empty tree. */
    ROOT,
    /** A parent is missing (shallow clone): diffed against the empty tree, history limited to what exists. */
    SHALLOW,
    /** At least one binary file: it counts in NS/ND/NF but has no line counts. */
    BINARY,
    /** A file over the size cap, or a commit over the file cap: some line counts were skipped. */
    TRUNCATED,
    /** The range base is not an ancestor of the candidate (force-push): the merge base was used instead. */
    FORCE_PUSHED,
    /** The range base does not exist in the repository, or shares no history: only the candidate was scored. */
    BASE_MISSING,
    /** The range held more commits than the cap: only the newest were used. */
    RANGE_CAPPED
}
