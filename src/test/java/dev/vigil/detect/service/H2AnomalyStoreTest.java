package dev.vigil.detect.service;

import dev.vigil.testing.H2Files;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The anomaly store contract on H2 in a file, with the URL options the embedded mode uses. */
class H2AnomalyStoreTest extends AnomalyStoreContract {

    @TempDir
    java.nio.file.Path dir;

    @Override
    DataSource freshDatabase() {
        return H2Files.in(dir);
    }
}
