package dev.vigil.ingest.service;

import dev.vigil.testing.H2Files;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** State stored with offsets on H2 in a file, with the URL options the embedded mode uses. */
class H2StateWithOffsetsTest extends StateWithOffsetsContract {

    @TempDir
    java.nio.file.Path dir;

    @Override
    DataSource freshDatabase() {
        return H2Files.in(dir);
    }
}
