package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Issue 17 item 1: candidate changes to the change-risk model, judged on validation only
 * (bench/predict/variants.sh). The test tail of every project (its newest 20%, what bench/predict/jit.sh scores) is
 * never read here: each project is cut exactly as jit.sh cuts it and only its training part is used.
 *
 * <ul>
 *   <li><b>time split</b>: per project, fit on the oldest 80% of the training part, score its newest 20% (the
 *       validation tail {@link ChangeRiskTrainer} already selects on);</li>
 *   <li><b>leave one project out</b>: fit on the training parts of two projects, score the training part of the
 *       third (the cold-start situation).</li>
 * </ul>
 * Figures: AUC, and recall at 20% effort (ranking by probability / churn, as jit_metrics.py does).
 */
public final class TransferVariantsBenchmark {

    /** A candidate: a feature map (applied per project, knowing that project's rows) and a learner. */
    private record Variant(String name, Function<double[][], double[][]> features, Learner learner) {
    }

    private interface Learner {
        double[] fitAndScore(double[][] fitX, int[] fitY, double[][] testX);
    }

    private static final BoostedTreesRiskModel.Options TREES = BoostedTreesRiskModel.Options.defaults();
    private static final BoostedTreesRiskModel.Options REGULARISED =
            new BoostedTreesRiskModel.Options(300, 3, 8, 50, 0.03, 0.5, 42);

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Map<String, TrainingSet> train = new LinkedHashMap<>();
        Map<String, TrainingSet> tails = new LinkedHashMap<>();
        for (String p : ColdStartModelBuilder.PROJECTS) {
            TrainingSet all = TrainingSet.ofChanges(JitCsv.read(data.resolve(p + "_k_feature.csv")));
            int cut = (int) Math.round(all.size() * 0.8);
            train.put(p, all.slice(0, cut));
            tails.put(p, all.slice(cut, all.size()));
        }
        List<Variant> variants = variants();
        if (args.length > 1 && !args[1].isEmpty()) {
            List<String> only = List.of(args[1].split(","));
            variants = variants.stream().filter(v -> only.contains(v.name())).toList();
        }
        if (args.length > 2 && args[2].equals("held-out")) {
            heldOut(variants, train, tails);
            return;
        }
        System.out.println("variant | time-split AUC qt / openstack / jdt | LOPO AUC qt / openstack / jdt"
                + " | time-split recall@20% | LOPO recall@20%");
        for (Variant v : variants) {
            long start = System.nanoTime();
            List<double[]> time = new ArrayList<>();
            List<double[]> lopo = new ArrayList<>();
            for (String p : ColdStartModelBuilder.PROJECTS) {
                TrainingSet t = train.get(p);
                int cut = (int) Math.round(t.size() * 0.8);
                double[][] x = v.features().apply(t.x());
                double[] s = v.learner().fitAndScore(Arrays.copyOfRange(x, 0, cut), Arrays.copyOfRange(t.y(), 0, cut),
                        Arrays.copyOfRange(x, cut, x.length));
                TrainingSet val = t.slice(cut, t.size());
                time.add(new double[] {Metrics.auc(val.y(), s), effortRecall(val, s)});
            }
            for (String target : ColdStartModelBuilder.PROJECTS) {
                List<double[]> fx = new ArrayList<>();
                List<Integer> fy = new ArrayList<>();
                for (String p : ColdStartModelBuilder.PROJECTS) {
                    if (!p.equals(target)) {
                        fx.addAll(Arrays.asList(v.features().apply(train.get(p).x())));
                        Arrays.stream(train.get(p).y()).forEach(fy::add);
                    }
                }
                TrainingSet t = train.get(target);
                double[] s = v.learner().fitAndScore(fx.toArray(double[][]::new),
                        fy.stream().mapToInt(Integer::intValue).toArray(), v.features().apply(t.x()));
                lopo.add(new double[] {Metrics.auc(t.y(), s), effortRecall(t, s)});
            }
            System.out.println(String.format(Locale.ROOT, "%s | %s | %s | %s | %s  (%.0f s)", v.name(),
                    column(time, 0), column(lopo, 0), column(time, 1), column(lopo, 1),
                    (System.nanoTime() - start) / 1e9));
        }
    }

    /**
     * Once the choice is made on validation: each variant fitted on the training parts of two projects and scored
     * on the third's test tail, never seen before (the held-out check of a cold-start candidate).
     */
    private static void heldOut(List<Variant> variants, Map<String, TrainingSet> train, Map<String, TrainingSet> tails) {
        System.out.println("variant | held-out AUC qt / openstack / jdt (test tails) | held-out recall@20%");
        for (Variant v : variants) {
            List<double[]> out = new ArrayList<>();
            for (String target : ColdStartModelBuilder.PROJECTS) {
                List<double[]> fx = new ArrayList<>();
                List<Integer> fy = new ArrayList<>();
                for (String p : ColdStartModelBuilder.PROJECTS) {
                    if (!p.equals(target)) {
                        fx.addAll(Arrays.asList(v.features().apply(train.get(p).x())));
                        Arrays.stream(train.get(p).y()).forEach(fy::add);
                    }
                }
                TrainingSet t = tails.get(target);
                double[] s = v.learner().fitAndScore(fx.toArray(double[][]::new),
                        fy.stream().mapToInt(Integer::intValue).toArray(), v.features().apply(t.x()));
                out.add(new double[] {Metrics.auc(t.y(), s), effortRecall(t, s)});
            }
            System.out.println(String.format(Locale.ROOT, "%s | %s | %s", v.name(), column(out, 0), column(out, 1)));
        }
    }

    private static List<Variant> variants() {
        Learner lr = (x, y, t) -> score(LogisticRiskModel.fit("v", names(x[0].length), x, y, 1.0), t);
        Learner gbt = (x, y, t) -> score(BoostedTreesRiskModel.fit("v", names(x[0].length), x, y, TREES), t);
        Learner regularised = (x, y, t) -> score(BoostedTreesRiskModel.fit("v", names(x[0].length), x, y,
                REGULARISED), t);
        Learner rankMean = (x, y, t) -> meanOfRanks(lr.fitAndScore(x, y, t), gbt.fitAndScore(x, y, t));
        return List.of(
                new Variant("lr", Function.identity(), lr),
                new Variant("lr+normalised", TransferVariantsBenchmark::withNormalised, lr),
                new Variant("lr-kamei", TransferVariantsBenchmark::kamei, lr),
                new Variant("lr-project-standardised", TransferVariantsBenchmark::projectStandardised, lr),
                new Variant("lr+normalised-project-standardised",
                        x -> projectStandardised(withNormalised(x)), lr),
                new Variant("gbt", Function.identity(), gbt),
                new Variant("gbt-regularised", Function.identity(), regularised),
                new Variant("gbt+normalised", TransferVariantsBenchmark::withNormalised, gbt),
                new Variant("rank-mean-lr-gbt", Function.identity(), rankMean));
    }

    /**
     * The 14 features plus the size-normalised ones of Kamei et al. (TSE 2013): lines added and deleted relative to
     * the lines the files had, lines per file, earlier changes per file, and entropy over its maximum log2(nf).
     */
    static double[][] withNormalised(double[][] rows) {
        return Arrays.stream(rows).map(r -> {
            double[] out = Arrays.copyOf(r, r.length + 5);
            System.arraycopy(normalised(r), 0, out, r.length, 5);
            return out;
        }).toArray(double[][]::new);
    }

    private static double[] normalised(double[] r) {
        double nf = Math.max(r[2], 1);
        double lt = Math.max(r[6], 1);
        return new double[] {r[4] / lt, r[5] / lt, r[6] / nf, r[10] / nf,
                nf > 1 ? r[3] / (Math.log(nf) / Math.log(2)) : 0};
    }

    /**
     * Kamei's own set: the normalised la, ld, lt, nuc and entropy in place of the raw ones, and nd and rexp
     * dropped (collinear with nf and exp).
     */
    static double[][] kamei(double[][] rows) {
        return Arrays.stream(rows).map(r -> {
            double[] n = normalised(r);
            return new double[] {r[0], r[2], n[4], n[0], n[1], n[2], r[7], r[8], r[9], n[3], r[11], r[13]};
        }).toArray(double[][]::new);
    }

    /**
     * Context-aware normalisation (Zhang et al., MSR 2014, "Towards building a universal defect prediction model"):
     * each project's log1p features standardised with that project's own mean and sd, so "a big change" means big
     * for that project. Label-free; at run time it needs the repository's own feature distribution.
     */
    static double[][] projectStandardised(double[][] rows) {
        LogScaler s = LogScaler.fit(rows);
        double[][] z = s.apply(rows);
        // exp back to a positive scale, since the learners take log1p(max(x, 0)) again: they then see softplus(z),
        // monotone in z
        return Arrays.stream(z).map(r -> Arrays.stream(r).map(Math::exp).toArray()).toArray(double[][]::new);
    }

    private static List<String> names(int n) {
        return n == ChangeFeatures.COUNT ? ChangeFeatures.NAMES
                : IntStream.range(0, n).mapToObj(i -> "f" + i).toList();
    }

    private static double[] score(ChangeRiskModel m, double[][] x) {
        return Arrays.stream(x).mapToDouble(m::predict).toArray();
    }

    private static double[] meanOfRanks(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        return IntStream.range(0, a.length).mapToDouble(i -> (ra[i] + rb[i]) / (2.0 * a.length)).toArray();
    }

    private static double[] ranks(double[] s) {
        Integer[] order = IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble(i -> s[i]))
                .toArray(Integer[]::new);
        double[] r = new double[s.length];
        for (int i = 0; i < order.length; i++) {
            r[order[i]] = i + 1;
        }
        return r;
    }

    /**
     * Recall of failed changes within 20% of the changed lines, ranked by score / churn (smaller churn first),
     * stopping at the first change that does not fit (as jit_metrics.py).
     */
    static double effortRecall(TrainingSet t, double[] score) {
        double total = 0;
        for (double[] r : t.x()) {
            total += r[4] + r[5];
        }
        double budget = 0.2 * total;
        Integer[] order = IntStream.range(0, score.length).boxed().sorted(Comparator
                .comparingDouble((Integer i) -> -score[i] / Math.max(t.x()[i][4] + t.x()[i][5], 1))
                .thenComparingDouble(i -> t.x()[i][4] + t.x()[i][5])).toArray(Integer[]::new);
        double spent = 0;
        int found = 0;
        for (int i : order) {
            double churn = t.x()[i][4] + t.x()[i][5];
            if (spent + churn > budget) {
                break;
            }
            spent += churn;
            found += t.y()[i];
        }
        return (double) found / Math.max(1, t.failures());
    }

    private static String column(List<double[]> rows, int k) {
        return String.join(" / ", rows.stream().map(r -> String.format(Locale.ROOT, "%.4f", r[k])).toList());
    }
}
