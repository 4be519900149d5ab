package dev.vigil.predict.service;

import dev.vigil.git.GitRepositories;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
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
 *   <li>local paths: when {@code allow-local} is on, inside one of {@code local-roots} when that list is set, and
 *       naming the repository's root (a working tree with {@code .git}, or a bare repository), never a directory
 *       inside one.</li>
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
        this.localRoots = localRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
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
        Path path = Path.of(r).toAbsolutePath().normalize();
        if (!localRoots.isEmpty() && localRoots.stream().noneMatch(path::startsWith)) {
            throw refused("local repository " + path + " is outside vigil.git.local-roots");
        }
        if (Files.isDirectory(path) && !Files.exists(path.resolve(".git"))
                && !(Files.isRegularFile(path.resolve("HEAD")) && Files.isDirectory(path.resolve("objects")))) {
            // JGit would search the parents for a repository, possibly outside local-roots: name the root itself
            throw refused("local path " + path + " is not the root of a git repository");
        }
        return new Source(path.toString(), false, Optional.empty());
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

    /** The URL with any user info replaced, safe to log and store. */
    public static String redact(String location) {
        return location == null ? null : location.replaceAll("://[^/@]*@", "://***@");
    }

    private static PredictionUnavailable refused(String message) {
        return new PredictionUnavailable(PredictionUnavailable.REPOSITORY_REFUSED, "repository", message);
    }
}
