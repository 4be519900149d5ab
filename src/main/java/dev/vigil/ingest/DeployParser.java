package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.ingest.JsonFields.FieldException;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns one JSON deploy record into a {@link DeployEvent}. Accepted: Vigil's own JSON (has {@code service}),
 * a CDEvent (has {@code context} and {@code subject}), or a CDEvent inside a CloudEvents JSON envelope (has
 * {@code specversion} and {@code data}). See {@link CdEventMapper} for how CDEvents map.
 */
public final class DeployParser {

    private final CdEventMapper cdEvents = new CdEventMapper();
    private final TimeWindow window;

    public DeployParser(TimeWindow window) {
        this.window = window;
    }

    public Parsed<DeployEvent> parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Parsed.rejected(new Rejection(Rejection.UNKNOWN_FORMAT, null, "a deploy record must be a JSON object"));
        }
        try {
            if (node.has("specversion")) {
                return inWindow(cdEvents.fromCloudEvent(node), "cloudevents");
            }
            if (node.has("context") && node.has("subject")) {
                return inWindow(cdEvents.fromCdEvent(node, null), "cdevents");
            }
            if (node.has("service")) {
                return inWindow(vigil(node), "vigil");
            }
            return Parsed.rejected(new Rejection(Rejection.UNKNOWN_FORMAT, null,
                    "neither Vigil deploy JSON (needs 'service'), a CDEvent ('context', 'subject') nor a CloudEvent ('specversion')"));
        } catch (FieldException e) {
            return Parsed.rejected(e.rejection);
        }
    }

    /** Every time the event carries must be inside the window; a CDEvent's come from its context's timestamp. */
    private Parsed<DeployEvent> inWindow(DeployEvent event, String format) {
        boolean cd = !"vigil".equals(format);
        Optional<Rejection> outside = window.check(cd ? "context.timestamp" : "startedAt", event.startedAt())
                .or(() -> window.check(cd ? "context.timestamp" : "finishedAt", event.finishedAt()))
                .or(() -> window.check(cd ? "context.timestamp" : "timestamp", event.time()));
        return outside.isPresent() ? Parsed.rejected(outside.get()) : Parsed.ok(event, format);
    }

    private static DeployEvent vigil(JsonNode node) throws FieldException {
        String service = name(node, "service");
        String environment = name(node, "environment");
        String version = name(node, "version");
        String statusText = JsonFields.requiredText(node, "status", "status");
        DeployStatus status = DeployStatus.fromWire(statusText).orElseThrow(() -> new FieldException(
                Rejection.invalid("status", "must be one of started, succeeded, failed, rolled_back, removed; got '" + statusText + "'")));
        Instant startedAt = JsonFields.optionalTimestamp(node, "startedAt", "startedAt");
        Instant finishedAt = JsonFields.optionalTimestamp(node, "finishedAt", "finishedAt");
        Instant timestamp = JsonFields.optionalTimestamp(node, "timestamp", "timestamp");
        Instant time = timestamp != null ? timestamp : status.finished() ? finishedAt : startedAt;
        if (time == null) {
            throw new FieldException(Rejection.missing(status.finished() ? "finishedAt" : "startedAt"));
        }
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw new FieldException(Rejection.invalid("finishedAt", "must not be before startedAt"));
        }
        return new DeployEvent(
                JsonFields.optionalText(node, "id", "id"), service, environment, version,
                JsonFields.optionalText(node, "commit", "commit"),
                JsonFields.optionalText(node, "previousCommit", "previousCommit"),
                JsonFields.optionalText(node, "repository", "repository"),
                status,
                startedAt != null ? startedAt : status == DeployStatus.STARTED ? time : null,
                finishedAt != null ? finishedAt : status.finished() ? time : null,
                time, "vigil");
    }

    static String name(JsonNode node, String field) throws FieldException {
        return JsonFields.matching(JsonFields.requiredText(node, field, field), NameSyntax.DEPLOY_NAME, field,
                "must start with a letter or digit and use only letters, digits and _.:/@+-");
    }
}
