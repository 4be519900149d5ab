package dev.vigil.git;

import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Extraction timings on a large repository (run by bench/predict/extract.sh):
 * {@code ExtractionBenchmark REPO_DIR [BRANCH] [RANGE]}. Reports the cold range (history index build + diffs),
 * the cold cost per commit once the index exists, and the warm range (all commits cached) over 30 repetitions.
 */
public final class ExtractionBenchmark {

    public static void main(String[] args) throws Exception {
        String branch = args.length > 1 ? args[1] : "main";
        int range = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(new java.io.File(args[0])).build()) {
            LruFeatureCache cache = new LruFeatureCache(50_000, FeatureCache.NONE);
            ChangeFeatureMiner miner = new ChangeFeatureMiner(repo, ExtractionOptions.defaults(), cache);
            String base = branch + "~" + range;

            long t0 = System.nanoTime();
            RangeFeatures cold = miner.range(base, branch);
            double coldMs = (System.nanoTime() - t0) / 1e6;
            report("cold range %s..%s: %d commits, %.0f ms (includes indexing the whole history)", base, branch,
                    cold.commits().size(), coldMs);

            String olderBase = branch + "~" + (2 * range);
            t0 = System.nanoTime();
            RangeFeatures older = miner.range(olderBase, base);
            double olderMs = (System.nanoTime() - t0) / 1e6;
            report("cold range %s..%s with the index built: %d commits, %.0f ms, %.2f ms/commit", olderBase, base,
                    older.commits().size(), olderMs, olderMs / older.commits().size());

            double[] warm = new double[30];
            for (int i = 0; i < warm.length; i++) {
                ChangeFeatureMiner fresh = new ChangeFeatureMiner(repo, ExtractionOptions.defaults(), cache);
                t0 = System.nanoTime();
                fresh.range(base, branch);
                warm[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(warm);
            report("warm range %s..%s (new miner, shared cache), 30 runs: median %.1f ms, max %.1f ms", base, branch,
                    warm[warm.length / 2], warm[warm.length - 1]);
            report("aggregate of the warm range: %s, flags %s", cold.aggregate(), cold.flags());
        }
    }

    private static void report(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
