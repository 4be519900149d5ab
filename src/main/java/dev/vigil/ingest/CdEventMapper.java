package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.ingest.JsonFields.FieldException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Maps CDEvents (spec 0.3-0.5) to deploy events.
 *
 * <ul>
 *   <li>{@code dev.cdevents.service.deployed|upgraded} -> succeeded, {@code rolledback} -> rolled_back,
 *       {@code removed} -> removed. Service: the last path segment of {@code subject.id} ({@code service/myapp}
 *       -> {@code myapp}); environment: {@code subject.content.environment.id}; version: the part after
 *       {@code @} of {@code subject.content.artifactId} (a package URL).</li>
 *   <li>{@code dev.cdevents.pipelinerun.finished} -> succeeded when {@code outcome} is success, else failed.
 *       Service: {@code subject.content.pipelineName}; environment {@code default}; version: the run's
 *       {@code subject.id}.</li>
 * </ul>
 * In both, {@code customData} may name {@code service}, {@code environment}, {@code version}, {@code commit},
 * {@code previousCommit} and {@code repository}, which win over the derived values.
 */
final class CdEventMapper {

    private static final String PREFIX = "dev.cdevents.";

    DeployEvent fromCloudEvent(JsonNode envelope) throws FieldException {
        String type = JsonFields.requiredText(envelope, "type", "type");
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            throw new FieldException(Rejection.missing("data"));
        }
        if (!type.startsWith(PREFIX)) {
            throw new FieldException(new Rejection(Rejection.UNSUPPORTED_EVENT, "type", "CloudEvent type '" + type + "' is not a CDEvent"));
        }
        return fromCdEvent(data, JsonFields.optionalText(envelope, "id", "id"));
    }

    DeployEvent fromCdEvent(JsonNode event, String envelopeId) throws FieldException {
        JsonNode context = object(event, "context");
        JsonNode subject = object(event, "subject");
        String type = JsonFields.requiredText(context, "type", "context.type");
        Instant time = JsonFields.timestamp(context, "timestamp", "context.timestamp");
        String eventId = envelopeId != null ? envelopeId : JsonFields.optionalText(context, "id", "context.id");
        JsonNode content = subject.path("content");
        JsonNode custom = event.path("customData");
        String predicate = predicate(type);
        return switch (predicate) {
            case "service.deployed", "service.upgraded" -> service(subject, content, custom, DeployStatus.SUCCEEDED, time, eventId);
            case "service.rolledback" -> service(subject, content, custom, DeployStatus.ROLLED_BACK, time, eventId);
            case "service.removed" -> service(subject, content, custom, DeployStatus.REMOVED, time, eventId);
            case "pipelinerun.finished" -> pipelineRun(subject, content, custom, time, eventId);
            default -> throw new FieldException(new Rejection(Rejection.UNSUPPORTED_EVENT, "context.type",
                    "CDEvent type '" + type + "' is not a deploy event (service.deployed|upgraded|rolledback|removed, pipelinerun.finished)"));
        };
    }

    private static DeployEvent service(JsonNode subject, JsonNode content, JsonNode custom, DeployStatus status,
            Instant time, String eventId) throws FieldException {
        String subjectId = JsonFields.requiredText(subject, "id", "subject.id");
        String service = custom(custom, "service", lastSegment(subjectId));
        String environment = custom(custom, "environment", textAt(content.path("environment"), "id"));
        if (environment == null) {
            throw new FieldException(Rejection.missing("subject.content.environment.id"));
        }
        String version = custom(custom, "version", versionOf(textAt(content, "artifactId")));
        if (version == null) {
            throw new FieldException(Rejection.missing(status == DeployStatus.REMOVED ? "customData.version" : "subject.content.artifactId"));
        }
        return event(eventId, service, environment, version, custom, status, time);
    }

    private static DeployEvent pipelineRun(JsonNode subject, JsonNode content, JsonNode custom, Instant time,
            String eventId) throws FieldException {
        String service = custom(custom, "service", textAt(content, "pipelineName"));
        if (service == null) {
            throw new FieldException(Rejection.missing("subject.content.pipelineName"));
        }
        String outcome = textAt(content, "outcome");
        if (outcome == null) {
            throw new FieldException(Rejection.missing("subject.content.outcome"));
        }
        DeployStatus status = "success".equalsIgnoreCase(outcome) ? DeployStatus.SUCCEEDED : DeployStatus.FAILED;
        String version = custom(custom, "version", JsonFields.requiredText(subject, "id", "subject.id"));
        return event(eventId, service, custom(custom, "environment", "default"), version, custom, status, time);
    }

    private static DeployEvent event(String eventId, String service, String environment, String version,
            JsonNode custom, DeployStatus status, Instant time) throws FieldException {
        return new DeployEvent(eventId, checked(service, "service"), checked(environment, "environment"),
                checked(version, "version"), textAt(custom, "commit"), textAt(custom, "previousCommit"),
                textAt(custom, "repository"), status, null, time, time, "cdevents");
    }

    private static String checked(String value, String field) throws FieldException {
        if (value.length() > JsonFields.MAX_TEXT) {
            throw new FieldException(Rejection.invalid(field, "must be at most " + JsonFields.MAX_TEXT + " characters"));
        }
        return JsonFields.matching(value, NameSyntax.DEPLOY_NAME, field, "must start with a letter or digit and use only letters, digits and _.:/@+-");
    }

    /** {@code dev.cdevents.service.deployed.0.2.0} -> {@code service.deployed}. */
    private static String predicate(String type) {
        if (!type.startsWith(PREFIX)) {
            return type;
        }
        String[] parts = type.substring(PREFIX.length()).split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : type;
    }

    private static JsonNode object(JsonNode node, String field) throws FieldException {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new FieldException(value == null ? Rejection.missing(field) : Rejection.invalid(field, "must be an object"));
        }
        return value;
    }

    private static String custom(JsonNode custom, String field, String fallback) {
        String value = textAt(custom, field);
        return value != null ? value : fallback;
    }

    private static String textAt(JsonNode node, String field) {
        JsonNode value = node == null ? MissingNode.getInstance() : node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static String lastSegment(String id) {
        String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** {@code pkg:oci/myapp@sha256%3Aabc} -> {@code sha256:abc}; {@code pkg:generic/app@1.2.3?x=y} -> {@code 1.2.3}. */
    private static String versionOf(String purl) {
        if (purl == null || purl.indexOf('@') < 0) {
            return null;
        }
        String version = purl.substring(purl.lastIndexOf('@') + 1);
        int end = indexOfAny(version, '?', '#');
        return URLDecoder.decode(end < 0 ? version : version.substring(0, end), StandardCharsets.UTF_8);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
