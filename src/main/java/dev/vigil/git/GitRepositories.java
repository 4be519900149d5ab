package dev.vigil.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Opens the repository a service is built from: a local path as is, or a remote URL mirrored as a bare repository
 * under a cache directory (one sub-directory per URL, named by its hash so credentials in URLs never reach the file
 * system) and fetched on every open so new candidates are visible.
 *
 * <p>Fetching is bounded and never follows the server elsewhere: HTTP redirects are refused
 * ({@code http.followRedirects=false} in the mirror's config: a redirect could lead to a host the policy never
 * allowed, and JGit would keep sending an Authorization header it had already built); credentials are answered only
 * for the host and port of the URL they were given with; every exchange has a connect and read timeout and the whole
 * transfer a size and time cap ({@link TransferLimits}).
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

    private static final String ORIGIN = "origin";

    private GitRepositories() {
    }

    public static Repository open(String source, Path cacheDir, Optional<Credentials> credentials,
                                  TransferLimits limits) throws IOException {
        if (!source.contains("://") && !source.startsWith("git@")) {
            Path local = Path.of(source);
            if (!Files.isDirectory(local)) {
                throw new IOException("no repository can be opened at the given path"); // says nothing of what exists
            }
            return new FileRepositoryBuilder().findGitDir(local.toFile()).setMustExist(true).build();
        }
        Path mirror = cacheDir.resolve(hash(source) + ".git");
        boolean fresh = !Files.isDirectory(mirror);
        Repository repository = fresh ? init(mirror) : Git.open(mirror.toFile()).getRepository();
        try {
            configure(repository, source);
            FetchResult result = fetch(repository, source, credentials, limits);
            if (fresh) {
                linkHead(repository, result);
            }
            return repository;
        } catch (GitAPIException | IOException | RuntimeException e) {
            repository.close();
            if (fresh) {
                deleteRecursively(mirror); // a half clone is not a mirror: the next open starts again
            }
            // no cause attached: JGit's messages and causes may carry the URL with its credentials
            throw new IOException("cannot clone or fetch " + redact(source) + ": " + redact(describe(e)));
        }
    }

    /** The messages along the cause chain: JGit wraps the reason (a timeout, a limit) in its own words. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
                text.append(": ").append(c.getMessage());
            }
        }
        return text.toString();
    }

    static String redact(String url) {
        return url.replaceAll("://[^/@]*@", "://***@");
    }

    private static Repository init(Path mirror) throws IOException {
        Files.createDirectories(mirror.getParent());
        try {
            return Git.init().setBare(true).setDirectory(mirror.toFile()).call().getRepository();
        } catch (GitAPIException e) {
            throw new IOException("cannot create the mirror " + mirror + ": " + e.getMessage());
        }
    }

    /** Written on every open, so mirrors made before these settings existed get them too. */
    private static void configure(Repository repository, String source) throws IOException {
        StoredConfig config = repository.getConfig();
        config.setString("remote", ORIGIN, "url", source);
        config.setString("remote", ORIGIN, "fetch", "+refs/heads/*:refs/heads/*");
        config.setString("http", null, "followRedirects", "false");
        config.setBoolean("http", null, "sslVerify", true);
        config.save();
    }

    private static FetchResult fetch(Repository repository, String source, Optional<Credentials> credentials,
                                     TransferLimits limits) throws GitAPIException, IOException {
        BoundedHttpConnections.Budget budget = new BoundedHttpConnections.Budget(limits, System.nanoTime());
        CredentialsProvider provider = credentials.isEmpty() ? null : new HostBound(credentials.get(), source);
        try (Git git = new Git(repository)) {
            return BoundedHttpConnections.within(budget, () -> git.fetch().setRemote(ORIGIN)
                    .setCredentialsProvider(provider).setRemoveDeletedRefs(true)
                    .setTimeout(limits.timeoutSeconds()).setProgressMonitor(new Deadline(budget)).call());
        }
    }

    /** Points HEAD of a new mirror at the branch the remote's HEAD names (or its commit), as a clone would. */
    private static void linkHead(Repository repository, FetchResult result) throws IOException {
        Ref head = result.getAdvertisedRef(Constants.HEAD);
        if (head == null || head.getObjectId() == null) {
            return;
        }
        RefUpdate update = repository.updateRef(Constants.HEAD);
        if (head.isSymbolic()) {
            update.link(head.getTarget().getName());
            return;
        }
        Optional<Ref> branch = result.getAdvertisedRefs().stream()
                .filter(r -> r.getName().startsWith(Constants.R_HEADS) && head.getObjectId().equals(r.getObjectId()))
                .min(Comparator.comparing(Ref::getName));
        if (branch.isPresent()) {
            update.link(branch.get().getName());
        } else {
            update.setNewObjectId(head.getObjectId());
            update.forceUpdate();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the next open, which then fetches into it
        }
    }

    private static String hash(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cancels the transfer between objects once its time is up (the byte count cancels it within an object). */
    private record Deadline(BoundedHttpConnections.Budget budget) implements ProgressMonitor {
        @Override
        public boolean isCancelled() {
            return budget.expired(System.nanoTime());
        }

        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
        }

        @Override
        public void update(int completed) {
        }

        @Override
        public void endTask() {
        }

        @Override
        public void showDuration(boolean enabled) {
        }
    }

    /** Gives the credentials only to the scheme, host and port of the URL they were configured for. */
    private static final class HostBound extends CredentialsProvider {
        private final UsernamePasswordCredentialsProvider delegate;
        private final String origin;

        HostBound(Credentials credentials, String source) {
            this.delegate = new UsernamePasswordCredentialsProvider(credentials.username(), credentials.secret());
            this.origin = originOf(source);
        }

        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            return delegate.supports(items);
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) {
            return origin.equals(originOf(uri)) && delegate.get(uri, items);
        }

        private static String originOf(String url) {
            try {
                return originOf(new URIish(url));
            } catch (java.net.URISyntaxException e) {
                return "invalid:" + url;
            }
        }

        private static String originOf(URIish uri) {
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
        }
    }
}
