package dev.vigil.git;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a range's commits into one change, so a deploy can be scored by a per-change model:
 * <ul>
 * <li>NS, ND, NF: distinct subsystems, directories, files over the union of the commits' files.</li>
 * <li>LA, LD: sums. Entropy: over the per-file sums of changed lines.</li>
 * <li>LT: per file, its lines before the oldest commit in the range that touched it; summed.</li>
 * <li>FIX: 1 if any commit is a fix.</li>
 * <li>NDEV, NUC: the maximum over commits (the most shared, most churned files drive the range).</li>
 * <li>AGE: the mean over commits.</li>
 * <li>EXP, REXP, SEXP: the minimum over commits (the least experienced author in the range drives the risk).</li>
 * </ul>
 * Merge commits are left out when the range has other commits: their first-parent diff repeats the merged
 * commits, which are in the range themselves. An empty range (candidate = base) gives all zeros.
 */
public final class RangeAggregator {

    private RangeAggregator() {
    }

    public static ChangeFeatures aggregate(List<CommitFeatures> newestFirst) {
        List<CommitFeatures> commits = newestFirst.stream().filter(c -> !c.isMerge()).toList();
        if (commits.isEmpty()) {
            commits = newestFirst;
        }
        if (commits.isEmpty()) {
            return new ChangeFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        Set<String> subsystems = new HashSet<>();
        Set<String> directories = new HashSet<>();
        Map<String, Integer> linesBefore = new HashMap<>();
        for (CommitFeatures c : reversed(commits)) {
            for (FileChange f : c.files()) {
                subsystems.add(f.subsystem());
                directories.add(f.directory());
                linesBefore.putIfAbsent(f.path(), f.linesBefore());
            }
        }
        double entropy = JitFeatureExtractor.entropy(JitFeatureExtractor.churnByPath(commits).values().stream()
                .mapToDouble(Double::doubleValue).toArray());
        return new ChangeFeatures(subsystems.size(), directories.size(), linesBefore.size(), entropy,
                sum(commits, 4), sum(commits, 5), linesBefore.values().stream().mapToInt(Integer::intValue).sum(),
                max(commits, 7), max(commits, 8), mean(commits, 9), max(commits, 10), min(commits, 11),
                min(commits, 12), min(commits, 13));
    }

    private static List<CommitFeatures> reversed(List<CommitFeatures> commits) {
        List<CommitFeatures> copy = new ArrayList<>(commits);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static double sum(List<CommitFeatures> commits, int feature) {
        return commits.stream().mapToDouble(c -> c.features().toArray()[feature]).sum();
    }

    private static double max(List<CommitFeatures> commits, int feature) {
        return commits.stream().mapToDouble(c -> c.features().toArray()[feature]).max().orElse(0);
    }

    private static double min(List<CommitFeatures> commits, int feature) {
        return commits.stream().mapToDouble(c -> c.features().toArray()[feature]).min().orElse(0);
    }

    private static double mean(List<CommitFeatures> commits, int feature) {
        return commits.stream().mapToDouble(c -> c.features().toArray()[feature]).average().orElse(0);
    }
}
