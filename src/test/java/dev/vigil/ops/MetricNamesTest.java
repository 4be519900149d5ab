package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsOrVariables() {
        assertEquals(Set.of("vigil_ingest_rejected_total", "vigil_ingest_accepted_total"),
                MetricNames.inExpression("sum by (kind) (rate(vigil_ingest_rejected_total{instance=~\"$instance\"}[$__rate_interval]))"
                        + " / (sum by (kind) (rate(vigil_ingest_accepted_total[5m])) + 0.5) > 0.05"));
        assertEquals(Set.of("up"), MetricNames.inExpression("up{job=~\".*vigil.*\"} < 1"));
        assertEquals(Set.of("http_server_requests_seconds_sum", "http_server_requests_seconds_count"),
                MetricNames.inExpression("sum(rate(http_server_requests_seconds_sum{uri!~\"/q/.*\", status=~\"5..\"}[5m])) by (uri)"
                        + " / on(uri) group_left sum without (status) (rate(http_server_requests_seconds_count[5m]))"));
        assertEquals(Set.of("a_total", "b"), MetricNames.inExpression("topk(5, a_total offset 1h) and bool b"));
        assertEquals(Set.of(), MetricNames.inExpression("vector(1)"));
    }

    @Test
    void findsTheMetricOfLabelValuesVariables() {
        assertEquals(Set.of("vigil_anomaly_score"),
                MetricNames.inVariableQuery("label_values(vigil_anomaly_score{environment=\"$environment\"}, service)"));
        assertEquals(Set.of("vigil_anomaly_score"), MetricNames.inVariableQuery(
                "label_values(vigil_anomaly_score{service=\"$service\", environment=\"$environment\"}, metric)"));
        assertEquals(Set.of(), MetricNames.inVariableQuery("label_values(service)"));
    }

    @Test
    void readsSampleNamesFromAScrape() {
        String scrape = """
                # HELP vigil_dlq_records_total Records written to the dead-letter topic
                # TYPE vigil_dlq_records_total counter
                vigil_dlq_records_total{kind="metric",reason="invalid-json"} 3.0
                jvm_threads_live_threads 42.0
                """;
        assertEquals(Set.of("vigil_dlq_records_total", "jvm_threads_live_threads"), MetricNames.inScrape(scrape));
    }

    @Test
    void reportsUsedNamesTheScrapeLacks() {
        String scrape = "vigil_ingest_accepted_total{kind=\"metric\"} 1.0\n";
        assertEquals(new TreeSet<>(Set.of("vigil_ingest_rejected_total")), MetricNames.missingFrom(scrape,
                Set.of("vigil_ingest_accepted_total", "vigil_ingest_rejected_total", "up")));
    }

    @Test
    void problemsNameMissingAndNewlyExportedMetrics() {
        List<String> problems = MetricNames.problems("vigil_scoring_seconds_count 3.0\n");
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("vigil_ingest_accepted_total"), problems.get(0));
        assertTrue(problems.get(1).contains("remove from grafana/metrics-pending.txt: [vigil_scoring_seconds_count]"),
                problems.get(1));
    }
}
