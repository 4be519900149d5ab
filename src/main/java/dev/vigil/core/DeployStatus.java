package dev.vigil.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a deploy is in its life. {@code removed} comes from CDEvents' service.removed. */
public enum DeployStatus {
    STARTED, SUCCEEDED, FAILED, ROLLED_BACK, REMOVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this != STARTED;
    }

    public static Optional<DeployStatus> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }
}
