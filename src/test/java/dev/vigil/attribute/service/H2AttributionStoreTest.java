package dev.vigil.attribute.service;

import dev.vigil.testing.H2Files;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The attribution store contract on H2 in a file, with the URL options the embedded mode uses. */
class H2AttributionStoreTest extends AttributionStoreContract {

    @TempDir
    java.nio.file.Path dir;

    @Override
    DataSource freshDatabase() {
        return H2Files.in(dir);
    }
}
