package dev.vigil.detect.definition;

import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;

import java.nio.file.Path;
import java.util.Map;

/** Placeholder. */
public final class DefinitionLoader {
    public static DetectorDefinition shippedDefault() {
        return new DetectorDefinition("default", "(built-in)", new SeriesSelector("*", "*", Map.of()),
                DetectorFactory.SEASONAL, DetectorSettings.defaults(), SeverityMapping.DEFAULT);
    }

    public static DetectorDefinition loadSingle(Path p) {
        throw new UnsupportedOperationException();
    }
}
