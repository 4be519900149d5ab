package dev.vigil.predict.service;

import dev.vigil.git.GitRepositories;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which repositories a deploy event may make Vigil read, and which get the configured credentials. A deploy
 * event is written by whoever holds an ingest token, so it must not be able to make Vigil clone from, or send its
 * git credentials to, a place of its choosing:
 * <ul>
 *   <li>remote repositories: {@code https://} only (no {@code http}, {@code ssh}, {@code git@}, {@code file}), when
 *       {@code allow-remote} is on, and from a host in {@code allowed-hosts} when that list is set;</li>
 *   <li>credentials are sent only to hosts in {@code allowed-hosts}: with no list they are never sent;</li>
 *   <li>local paths: when {@code allow-local} is on (off by default), inside one of {@code local-roots} when that
 *       list is set, compared by real path, and naming the repository's root (a working tree with a {@code .git}
 *       directory, or a bare repository), never a directory inside one; refused with one message whatever the
 *       reason, so that the answers do not map the file system.</li>
 * </ul>
 */
public final class RepositoryPolicy {

    /** Where and how to open a repository that passed the policy. */
    public record Source(String location, boolean remote, Optional<GitRepositories.Credentials> credentials) {
        @Override
        public String toString() {
            return "Source[" + redact(location) + (credentials.isPresent() ? ", with credentials]" : "]");
        }
    }

    private final boolean allowRemote;
    private final List<String> allowedHosts;
    private final boolean allowLocal;
    private final List<Path> localRoots;
    private final Optional<GitRepositories.Credentials> credentials;

    public RepositoryPolicy(boolean allowRemote, List<String> allowedHosts, boolean allowLocal, List<Path> localRoots,
                            Optional<GitRepositories.Credentials> credentials) {
        this.allowRemote = allowRemote;
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.allowLocal = allowLocal;
        this.localRoots = localRoots.stream().map(RepositoryPolicy::real).toList();
        this.credentials = credentials;
    }

    /** True when credentials are configured but no host may receive them: worth a warning at start-up. */
    public boolean credentialsUnusable() {
        return credentials.isPresent() && allowedHosts.isEmpty();
    }

    /** @throws PredictionUnavailable with reason {@code repository_refused} and the rule broken */
    public Source check(String repository) {
        if (repository == null || repository.isBlank()) {
            throw refused("the deploy names no repository");
        }
        String r = repository.trim();
        if (r.contains("://") || r.startsWith("git@")) {
            return remote(r);
        }
        if (!allowLocal) {
            throw refused("local repositories are switched off (vigil.git.allow-local=false)");
        }
        Path root = realRoot(r).orElseThrow(() -> refused("local path '" + shortened(r)
                + "' is not an allowed repository: it must be the root of a git repository (a working tree with a"
                + " .git directory, or a bare repository) inside vigil.git.local-roots"));
        return new Source(root.toString(), false, Optional.empty());
    }

    /**
     * The real path of the repository root named, if it is one inside the roots. Every refusal is the same, whether
     * the path is missing, outside the roots, or not a root: the answer must not tell which directories exist.
     * Compared by real path, so a symbolic link cannot lead outside the roots; a {@code .git} that is a file
     * ({@code gitdir:} pointer) or a link, shared objects ({@code objects/info/alternates}) and linked work trees
     * ({@code commondir}) are refused, since each could make JGit read a repository elsewhere.
     */
    private Optional<Path> realRoot(String given) {
        try {
            Path real = Path.of(given).toRealPath();
            if (!insideRoots(real)) {
                return Optional.empty();
            }
            Path dotGit = real.resolve(".git");
            if (Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                return Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS) && selfContained(dotGit)
                        ? Optional.of(real) : Optional.empty();
            }
            boolean bare = Files.isRegularFile(real.resolve("HEAD")) && Files.isDirectory(real.resolve("objects"));
            return bare && selfContained(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    private boolean selfContained(Path gitDir) throws IOException {
        Path objects = gitDir.resolve("objects");
        return Files.isDirectory(objects) && insideRoots(objects.toRealPath())
                && !Files.exists(objects.resolve("info/alternates")) && !Files.exists(gitDir.resolve("commondir"));
    }

    private boolean insideRoots(Path real) {
        return localRoots.isEmpty() || localRoots.stream().anyMatch(real::startsWith);
    }

    private Source remote(String url) {
        if (!allowRemote) {
            throw refused("remote repositories are switched off (vigil.git.allow-remote=false)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("'" + redact(url) + "' is not a valid URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw refused("only https:// repository URLs are cloned, got '" + redact(url) + "'");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(host)) {
            throw refused("host " + host + " is not in vigil.git.allowed-hosts");
        }
        boolean mayAuthenticate = allowedHosts.contains(host) && uri.getUserInfo() == null;
        return new Source(url, true, mayAuthenticate ? credentials : Optional.empty());
    }

    private static String shortened(String given) {
        return given.length() <= 200 ? given : given.substring(0, 200) + "...";
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize(); // not there (yet): nothing can be inside it
        }
    }

    /** The URL with any user info replaced, safe to log and store. */
    public static String redact(String location) {
        return location == null ? null : location.replaceAll("://[^/@]*@", "://***@");
    }

    private static PredictionUnavailable refused(String message) {
        return new PredictionUnavailable(PredictionUnavailable.REPOSITORY_REFUSED, "repository", message);
    }
}
