package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The metric names the dashboards and rules use, against grafana/metrics-used.txt (the reviewed list),
 * grafana/metrics-pending.txt, and a recorded scrape of a running Vigil (src/test/resources/ops/metrics/). The
 * same comparison against a live /q/metrics is {@code MetricNames.problems(scrape)}.
 */
class MetricsContractTest {

    @Test
    void metricsUsedFileListsExactlyTheNamesInDashboardsAndRules() {
        SortedSet<String> used = MetricNames.used();
        assertEquals(used, MetricNames.readList(OpsFiles.METRICS_USED), () -> "grafana/metrics-used.txt is out of date;"
                + " its content should be:\n" + String.join("\n", used));
    }

    @Test
    void everyPendingNameIsUsedAndNamedLikeVigil() {
        SortedSet<String> stale = new TreeSet<>(MetricNames.pending());
        stale.removeAll(MetricNames.used());
        assertTrue(stale.isEmpty(), () -> "listed in grafana/metrics-pending.txt but used nowhere: " + stale);
        MetricNames.pending().forEach(n -> assertTrue(n.startsWith("vigil_"), n));
    }

    @Test
    void everyRuleFileAndDashboardUsesSomeMetric() {
        assertTrue(MetricNames.usedByDashboards().contains("vigil_ingest_accepted_total"));
        assertTrue(MetricNames.usedByRules().contains("vigil_dlq_failures_total"));
        assertTrue(MetricNames.usedByGrafanaAlerts().contains("kafka_consumer_fetch_manager_records_lag_max"));
    }
}
