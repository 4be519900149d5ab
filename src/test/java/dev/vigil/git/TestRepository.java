package dev.vigil.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Builds a small real repository with known authors, dates and edits. */
final class TestRepository implements AutoCloseable {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    final Git git;
    final Path dir;

    TestRepository(Path dir) throws Exception {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    TestRepository write(String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    TestRepository writeBytes(String path, byte[] content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return this;
    }

    TestRepository move(String from, String to) throws Exception {
        Files.createDirectories(dir.resolve(to).getParent());
        Files.move(dir.resolve(from), dir.resolve(to));
        return this;
    }

    RevCommit commit(String author, double days, String message) throws Exception {
        Instant when = T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
        PersonIdent ident = new PersonIdent(author, author.toLowerCase() + "@example.org", when, ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor(ident).setCommitter(ident).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
