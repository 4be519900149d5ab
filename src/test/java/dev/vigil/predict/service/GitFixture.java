package dev.vigil.predict.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/** A small real repository with known commits: c0 (root) .. c3, one file per directory, a fix at c3. */
public final class GitFixture {

    public final Path dir;
    final List<String> commits = new ArrayList<>();

    private GitFixture(Path dir) {
        this.dir = dir;
    }

    public static GitFixture create() throws Exception {
        GitFixture f = new GitFixture(Files.createTempDirectory("vigil-predict-repo"));
        try (Git git = Git.init().setDirectory(f.dir.toFile()).setInitialBranch("main").call()) {
            f.commit(git, "alice", 0, "initial import", "src/app/Main.java", lines(40));
            f.commit(git, "bob", 3, "add billing", "src/billing/Billing.java", lines(120));
            f.commit(git, "alice", 5, "extend main and docs", "src/app/Main.java", lines(70));
            f.commit(git, "carol", 8, "fix crash in billing", "src/billing/Billing.java", lines(90));
        }
        return f;
    }

    public String c(int i) {
        return commits.get(i);
    }

    private void commit(Git git, String author, int day, String message, String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        PersonIdent who = new PersonIdent(author, author + "@example.org",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(day * 86_400L), ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        commits.add(git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().name());
    }

    private static String lines(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("line ").append(i).append(" of ").append(n).append('\n');
        }
        return b.toString();
    }
}
