package dev.vigil.deploy;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.vigil.core.DeployStatus;
import java.time.Instant;

/**
 * A deploy as Vigil knows it now: the merge of every event received for its service, environment and version. Its
 * {@code status} is stored and served as {@link DeployStatus#wireName} ({@code started}, {@code succeeded}, ...).
 */
public record DeployRecord(
        String id,
        String service,
        String environment,
        String version,
        String commit,
        String previousCommit,
        String repository,
        @JsonSerialize(converter = DeployRecord.StatusWire.class) DeployStatus status,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        String format) {

    /** Serves a status as it is stored: {@link DeployStatus#wireName}. */
    public static final class StatusWire extends StdConverter<DeployStatus, String> {
        @Override
        public String convert(DeployStatus status) {
            return status.wireName();
        }
    }

    /** When the deploy happened on the service's timeline: its start, or its last update where no start is known. */
    public Instant at() {
        return startedAt != null ? startedAt : updatedAt;
    }
}
