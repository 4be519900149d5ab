package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.git.GitRepositories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryPolicyTest {

    static final Optional<GitRepositories.Credentials> CREDS =
            Optional.of(new GitRepositories.Credentials("ci", "s3cret"));

    static String refusal(RepositoryPolicy policy, String repository) {
        PredictionUnavailable e = assertThrows(PredictionUnavailable.class, () -> policy.check(repository));
        assertEquals(PredictionUnavailable.REPOSITORY_REFUSED, e.reason());
        assertEquals("repository", e.field());
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("tok"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void onlyHttpsIsClonedAndNeverWithCredentialsWithoutAnAllowList() {
        RepositoryPolicy open = new RepositoryPolicy(true, List.of(), true, List.of(), CREDS);
        assertTrue(open.credentialsUnusable());
        RepositoryPolicy.Source s = open.check("https://github.com/acme/shop.git");
        assertTrue(s.remote());
        assertTrue(s.credentials().isEmpty(), "no allow-list: credentials go nowhere");
        refusal(open, "http://github.com/acme/shop.git");
        refusal(open, "git@github.com:acme/shop.git");
        refusal(open, "ssh://git@github.com/acme/shop.git");
        refusal(open, "file:///etc");
        assertTrue(refusal(open, "http://x:tok@evil.example/r.git").contains("***@"));
    }

    @Test
    void credentialsGoOnlyToAllowedHostsAndOtherHostsAreRefused() {
        RepositoryPolicy policy = new RepositoryPolicy(true, List.of("GitHub.com"), true, List.of(), CREDS);
        assertFalse(policy.credentialsUnusable());
        assertEquals(CREDS, policy.check("https://github.com/acme/shop.git").credentials());
        assertTrue(policy.check("https://u:p@github.com/acme/shop.git").credentials().isEmpty(),
                "credentials in the URL are used as given, the configured ones are not added");
        assertTrue(refusal(policy, "https://evil.example/acme/shop.git").contains("allowed-hosts"));
        assertFalse(policy.check("https://github.com/acme/shop.git").toString().contains("s3cret"));
    }

    @Test
    void aLocalPathMustBeARepositoryRootNotADirectoryInsideOne(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("repo/.git/objects"));
        Files.createDirectories(dir.resolve("repo/src"));
        RepositoryPolicy policy = new RepositoryPolicy(true, List.of(), true, List.of(dir), Optional.empty());
        assertEquals(dir.resolve("repo").toRealPath().toString(), policy.check(dir.resolve("repo").toString()).location());
        refusal(policy, dir.resolve("repo/src").toString());
    }

    @Test
    void localRefusalsAreAllTheSameSoTheyDoNotTellWhichDirectoriesExist(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("roots"));
        Files.createDirectories(root.resolve("plain"));
        Files.createDirectories(dir.resolve("outside/.git/objects"));
        RepositoryPolicy policy = new RepositoryPolicy(true, List.of(), true, List.of(root), Optional.empty());
        String missing = refusal(policy, root.resolve("missing").toString());
        String notARepository = refusal(policy, root.resolve("plain").toString());
        String outside = refusal(policy, dir.resolve("outside").toString());
        String outsideMissing = refusal(policy, "/no/such/dir");
        assertEquals(missing.replace("missing", "X"), notARepository.replace("plain", "X"));
        assertEquals(missing.replace(root.resolve("missing").toString(), "X"),
                outside.replace(dir.resolve("outside").toString(), "X"));
        assertEquals(missing.replace(root.resolve("missing").toString(), "X"), outsideMissing.replace("/no/such/dir", "X"));
    }

    @Test
    void symbolicLinksAndGitFilesPointingOutsideTheRootsAreRefused(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("roots"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/repo/.git/objects")).getParent().getParent();
        Files.createSymbolicLink(root.resolve("linked"), elsewhere);
        Files.createDirectories(root.resolve("gitfile"));
        Files.writeString(root.resolve("gitfile/.git"), "gitdir: " + elsewhere.resolve(".git") + "\n");
        Files.createDirectories(root.resolve("linkeddotgit"));
        Files.createSymbolicLink(root.resolve("linkeddotgit/.git"), elsewhere.resolve(".git"));
        Files.createDirectories(root.resolve("borrowed/.git/objects/info"));
        Files.writeString(root.resolve("borrowed/.git/objects/info/alternates"), elsewhere.resolve(".git/objects") + "\n");
        RepositoryPolicy policy = new RepositoryPolicy(true, List.of(), true, List.of(root), Optional.empty());
        refusal(policy, root.resolve("linked").toString());
        refusal(policy, root.resolve("gitfile").toString());
        refusal(policy, root.resolve("linkeddotgit").toString());
        refusal(policy, root.resolve("borrowed").toString());
        refusal(policy, root.resolve("linked/../../elsewhere/repo").toString());
    }

    @Test
    void localPathsAreOffByDefaultAndCanBeConfinedToRoots(@TempDir Path dir) throws Exception {
        assertTrue(refusal(new RepositoryPolicy(true, List.of(), false, List.of(), Optional.empty()), "/srv/repo")
                .contains("allow-local"));
        Path root = Files.createDirectories(dir.resolve("git"));
        Files.createDirectories(root.resolve("shop/.git/objects"));
        RepositoryPolicy rooted = new RepositoryPolicy(true, List.of(), true, List.of(root), Optional.empty());
        assertEquals(root.resolve("shop").toRealPath().toString(), rooted.check(root.resolve("shop").toString()).location());
        refusal(rooted, root + "/../../etc");
        refusal(rooted, "/home/me/repo");
        refusal(rooted, " ");
        assertTrue(refusal(new RepositoryPolicy(false, List.of(), true, List.of(), Optional.empty()),
                "https://github.com/a/b.git").contains("allow-remote"));
    }
}
