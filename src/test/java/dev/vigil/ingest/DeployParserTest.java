package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeployParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ten years back: the CDEvents examples of the spec are from 2023. */
    private final DeployParser parser = new DeployParser(
            new TimeWindow(Duration.ofHours(1), Duration.ofDays(3650), MetricParserTest.NOW));
    private final DeployParser strict = new DeployParser(MetricParserTest.WINDOW);

    private Parsed<DeployEvent> parse(String json) throws Exception {
        return parser.parse(JSON.readTree(json));
    }

    @Test
    void aDeployTimeOutsideTheWindowIsRejectedNamingTheField() throws Exception {
        Parsed<DeployEvent> future = strict.parse(JSON.readTree("""
                {"service":"checkout","environment":"prod","version":"1","status":"started",
                 "startedAt":"2262-01-01T00:00:00Z"}"""));
        assertEquals(Rejection.OUT_OF_RANGE, future.rejection().reason());
        assertEquals("startedAt", future.rejection().field());
        Parsed<DeployEvent> late = strict.parse(JSON.readTree("""
                {"service":"checkout","environment":"prod","version":"1","status":"succeeded",
                 "startedAt":"2026-11-25T07:00:00Z","finishedAt":"2036-11-25T07:00:00Z"}"""));
        assertEquals("finishedAt", late.rejection().field());
        Parsed<DeployEvent> cdEvent = strict.parse(JSON.readTree("""
                {"context":{"version":"0.4.0","id":"271069a8","source":"/event/source/123",
                  "type":"dev.cdevents.service.deployed.0.2.0","timestamp":"2023-03-20T14:27:05.315384Z"},
                 "subject":{"id":"service/myapp","source":"/event/source/123","type":"service",
                  "content":{"environment":{"id":"production"},"artifactId":"pkg:oci/myapp@v1"}}}"""));
        assertEquals("context.timestamp", cdEvent.rejection().field(), () -> cdEvent.rejection().describe());
    }

    @Test
    void readsVigilDeployStarted() throws Exception {
        Parsed<DeployEvent> p = parse("""
                {"service":"checkout","environment":"prod","version":"1.4.2","commit":"9fceb02",
                 "previousCommit":"1a2b3c4","repository":"https://git.example.com/shop/checkout.git",
                 "status":"started","startedAt":"2026-11-25T07:00:00Z"}""");
        assertTrue(p.isOk(), () -> p.rejection().describe());
        DeployEvent e = p.value();
        assertEquals(DeployStatus.STARTED, e.status());
        assertEquals(Instant.parse("2026-11-25T07:00:00Z"), e.startedAt());
        assertNull(e.finishedAt());
        assertEquals("1a2b3c4", e.previousCommit());
        assertEquals("vigil", e.format());
    }

    @Test
    void finishedVigilDeployNeedsFinishTime() throws Exception {
        Parsed<DeployEvent> p = parse("{\"service\":\"a\",\"environment\":\"prod\",\"version\":\"1\",\"status\":\"failed\"}");
        assertEquals("finishedAt", p.rejection().field());
        assertEquals(Rejection.MISSING_FIELD, p.rejection().reason());
    }

    @Test
    void rejectsUnknownStatusNamingTheValues() throws Exception {
        Parsed<DeployEvent> p = parse("{\"service\":\"a\",\"environment\":\"prod\",\"version\":\"1\",\"status\":\"done\",\"timestamp\":1}");
        assertEquals("status", p.rejection().field());
        assertTrue(p.rejection().message().contains("rolled_back"));
    }

    @Test
    void mapsCdEventServiceDeployed() throws Exception {
        Parsed<DeployEvent> p = parse("""
                {"context":{"version":"0.4.0","id":"271069a8","source":"/event/source/123",
                  "type":"dev.cdevents.service.deployed.0.2.0","timestamp":"2023-03-20T14:27:05.315384Z"},
                 "subject":{"id":"service/myapp","source":"/event/source/123","type":"service",
                  "content":{"environment":{"id":"production"},
                   "artifactId":"pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427"}}}""");
        assertTrue(p.isOk(), () -> p.rejection().describe());
        DeployEvent e = p.value();
        assertEquals("myapp", e.service());
        assertEquals("production", e.environment());
        assertEquals("sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427", e.version());
        assertEquals(DeployStatus.SUCCEEDED, e.status());
        assertEquals("271069a8", e.eventId());
        assertEquals("cdevents", e.format());
    }

    @Test
    void mapsCloudEventWrappedRollbackWithCustomDataCommit() throws Exception {
        Parsed<DeployEvent> p = parse("""
                {"specversion":"1.0","id":"ce-1","source":"/argocd","type":"dev.cdevents.service.rolledback.0.2.0",
                 "datacontenttype":"application/json",
                 "data":{"context":{"version":"0.4.0","id":"x","source":"/argocd","type":"dev.cdevents.service.rolledback.0.2.0",
                   "timestamp":"2026-11-25T07:10:00Z"},
                  "subject":{"id":"checkout","type":"service","content":{"environment":{"id":"prod"},
                   "artifactId":"pkg:generic/checkout@1.4.1"}},
                  "customData":{"commit":"abc123","repository":"https://git.example.com/checkout.git"}}}""");
        assertTrue(p.isOk(), () -> p.rejection().describe());
        assertEquals(DeployStatus.ROLLED_BACK, p.value().status());
        assertEquals("cloudevents", p.format());
        assertEquals("1.4.1", p.value().version());
        assertEquals("abc123", p.value().commit());
        assertEquals("ce-1", p.value().eventId(), "the CloudEvent id identifies the event");
    }

    @Test
    void mapsPipelineRunFinishedOutcome() throws Exception {
        Parsed<DeployEvent> p = parse("""
                {"context":{"version":"0.4.0","id":"r1","source":"/tekton","type":"dev.cdevents.pipelinerun.finished.0.2.0",
                  "timestamp":"2026-11-25T07:20:00Z"},
                 "subject":{"id":"run-42","type":"pipelineRun","content":{"pipelineName":"checkout","outcome":"failure"}},
                 "customData":{"environment":"staging"}}""");
        assertTrue(p.isOk(), () -> p.rejection().describe());
        assertEquals("checkout", p.value().service());
        assertEquals("staging", p.value().environment());
        assertEquals("run-42", p.value().version());
        assertEquals(DeployStatus.FAILED, p.value().status());
    }

    @Test
    void refusesCdEventsThatAreNotAboutDeploys() throws Exception {
        Parsed<DeployEvent> p = parse("""
                {"context":{"id":"1","source":"/x","type":"dev.cdevents.artifact.packaged.0.1.0","timestamp":"2026-11-25T07:20:00Z"},
                 "subject":{"id":"a","content":{}}}""");
        assertEquals(Rejection.UNSUPPORTED_EVENT, p.rejection().reason());
        assertEquals("context.type", p.rejection().field());
    }

    @Test
    void refusesObjectsOfNoKnownFormat() throws Exception {
        assertEquals(Rejection.UNKNOWN_FORMAT, parse("{\"hello\":1}").rejection().reason());
        assertEquals(Rejection.UNKNOWN_FORMAT, parse("[1,2]").rejection().reason());
    }
}
