package dev.vigil.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Opens the repository a service is built from: a local path as is, or a remote URL mirrored as a bare clone
 * under a cache directory (one sub-directory per URL, named by its hash so credentials in URLs never reach the
 * file system) and fetched on every open so new candidates are visible.
 */
public final class GitRepositories {

    /** HTTPS credentials: a user name and a password or access token. */
    public record Credentials(String username, String secret) {
        public Credentials {
            if (username == null || username.isBlank() || secret == null) {
                throw new IllegalArgumentException("credentials need a non-blank username and a secret");
            }
        }

        @Override
        public String toString() {
            return "Credentials[" + username + ", ***]"; // never log the secret
        }
    }

    private GitRepositories() {
    }

    public static Repository open(String source, Path cacheDir, Optional<Credentials> credentials) throws IOException {
        if (!source.contains("://") && !source.startsWith("git@")) {
            Path local = Path.of(source);
            if (!Files.isDirectory(local)) {
                throw new IOException("repository path " + local + " is not a directory");
            }
            return new FileRepositoryBuilder().findGitDir(local.toFile()).setMustExist(true).build();
        }
        Path mirror = cacheDir.resolve(hash(source) + ".git");
        CredentialsProvider provider = credentials
                .map(c -> (CredentialsProvider) new UsernamePasswordCredentialsProvider(c.username(), c.secret()))
                .orElse(null);
        try {
            if (Files.isDirectory(mirror)) {
                Git git = Git.open(mirror.toFile());
                git.fetch().setCredentialsProvider(provider).setRemoveDeletedRefs(true).call();
                return git.getRepository();
            }
            Files.createDirectories(cacheDir);
            return Git.cloneRepository().setURI(source).setBare(true).setDirectory(mirror.toFile())
                    .setCredentialsProvider(provider).call().getRepository();
        } catch (GitAPIException e) {
            // no cause attached: JGit's messages and causes may carry the URL with its credentials
            throw new IOException("cannot clone or fetch " + redact(source) + ": "
                    + redact(String.valueOf(e.getMessage())));
        }
    }

    static String redact(String url) {
        return url.replaceAll("://[^/@]*@", "://***@");
    }

    private static String hash(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
