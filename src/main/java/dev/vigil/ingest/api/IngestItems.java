package dev.vigil.ingest.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The items of an HTTP ingest batch as the OpenAPI document shows them (README, "Message formats"). The resource
 * reads each item as JSON itself, to answer every bad item of a batch at once: these records are the contract, not
 * what the code binds to.
 */
final class IngestItems {

    private IngestItems() {
    }

    @Schema(name = "MetricItem", description = "One sample in Vigil's JSON (the prometheus-kafka-adapter form is read too)")
    record MetricItem(
            @Schema(required = true, maxLength = 256, examples = "checkout") String service,
            @Schema(required = true, pattern = "[a-zA-Z_:][a-zA-Z0-9_:]*", examples = "http_request_duration_seconds") String name,
            @Schema(description = "At most 32; values at most 256 characters") Map<String, String> labels,
            @Schema(required = true, description = "RFC 3339 (2026-11-25T07:00:00Z) or epoch milliseconds",
                    examples = "2026-11-25T07:00:00Z") String timestamp,
            @Schema(required = true, description = "Finite") double value) {
    }

    @Schema(name = "DeployItem", description = "One deploy event in Vigil's JSON (CDEvents, bare or in a CloudEvents "
            + "envelope, are read too)")
    record DeployItem(
            @Schema(required = true) String service,
            @Schema(required = true) String environment,
            @Schema(required = true) String version,
            @Schema(required = true, enumeration = {"started", "succeeded", "failed", "rolled_back", "removed"}) String status,
            @Schema(description = "RFC 3339 or epoch milliseconds") String startedAt,
            @Schema(description = "RFC 3339 or epoch milliseconds") String finishedAt,
            @Schema(description = "RFC 3339 or epoch milliseconds; the event's time when given") String timestamp,
            String commit,
            String previousCommit,
            String repository,
            @Schema(description = "An event id: a redelivered event with the same id is recorded once") String id) {
    }
}
