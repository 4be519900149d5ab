package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.git.GitRepositories;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
    void aLocalPathMustBeARepositoryRootNotADirectoryInsideOne(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("repo/.git"));
        java.nio.file.Files.createDirectories(dir.resolve("repo/src"));
        RepositoryPolicy policy = new RepositoryPolicy(true, List.of(), true, List.of(dir), Optional.empty());
        assertEquals(dir.resolve("repo").toString(), policy.check(dir.resolve("repo").toString()).location());
        assertTrue(refusal(policy, dir.resolve("repo/src").toString()).contains("not the root"));
        assertEquals(dir.resolve("missing").toString(), policy.check(dir.resolve("missing").toString()).location(),
                "a missing path is left to the miner: repository_unreachable");
    }

    @Test
    void localPathsCanBeSwitchedOffOrConfinedToRoots() {
        assertTrue(refusal(new RepositoryPolicy(true, List.of(), false, List.of(), Optional.empty()), "/srv/repo")
                .contains("allow-local"));
        RepositoryPolicy rooted = new RepositoryPolicy(true, List.of(), true, List.of(Path.of("/srv/git")),
                Optional.empty());
        assertEquals("/srv/git/shop", rooted.check("/srv/git/shop").location());
        refusal(rooted, "/srv/git/../../etc");
        refusal(rooted, "/home/me/repo");
        refusal(rooted, " ");
        assertTrue(refusal(new RepositoryPolicy(false, List.of(), true, List.of(), Optional.empty()),
                "https://github.com/a/b.git").contains("allow-remote"));
    }
}
