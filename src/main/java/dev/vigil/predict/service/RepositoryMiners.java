package dev.vigil.predict.service;

import dev.vigil.git.ChangeFeatureMiner;
import dev.vigil.git.ExtractionOptions;
import dev.vigil.git.FeatureCache;
import dev.vigil.git.GitRepositories;
import dev.vigil.git.RangeFeatures;
import dev.vigil.git.TransferLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jboss.logging.Logger;

/**
 * Keeps one open repository and {@link ChangeFeatureMiner} per repository location (the miner holds the history
 * index, which is expensive to build), at most {@code maxOpen} of them, least recently used closed first. A miner is
 * used by one thread at a time. A remote mirror is fetched when it is opened and again when the candidate commit is
 * not in it yet. Plain Java with JGit; the CDI wiring is in {@link PredictionBeans}.
 *
 * <p>One slow or dead remote must not starve the predictions of other repositories: every clone or fetch is bounded
 * ({@link TransferLimits}), one repository is opened by one thread at a time, and a remote that failed is not asked
 * again for {@code failureBackoff}: the deploys behind it fail at once ({@code repository_unreachable}) instead of
 * each waiting out the timeout.
 */
public final class RepositoryMiners implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RepositoryMiners.class);

    private static final class Handle {
        final Repository repository;
        final ChangeFeatureMiner miner;
        boolean closed;

        Handle(Repository repository, ChangeFeatureMiner miner) {
            this.repository = repository;
            this.miner = miner;
        }
    }

    private final Path cacheDir;
    private final FeatureCache features;
    private final ExtractionOptions options;
    private final TransferLimits limits;
    private final Duration failureBackoff;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();
    private final Map<String, Handle> open;

    public RepositoryMiners(Path cacheDir, FeatureCache features, ExtractionOptions options, int maxOpen,
                            TransferLimits limits, Duration failureBackoff, Clock clock) {
        this.cacheDir = cacheDir;
        this.features = features;
        this.options = options;
        this.limits = limits;
        this.failureBackoff = failureBackoff;
        this.clock = clock;
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Handle> eldest) {
                if (size() <= maxOpen) {
                    return false;
                }
                Handle h = eldest.getValue();
                synchronized (h) {
                    h.closed = true;
                    h.repository.close();
                }
                return true;
            }
        };
    }

    /**
     * Change features of {@code base..candidate} in the repository.
     *
     * @throws PredictionUnavailable {@code repository_unreachable} or {@code commit_missing}
     */
    public RangeFeatures range(RepositoryPolicy.Source source, String base, String candidate) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Handle h = handle(source);
            synchronized (h) {
                if (h.closed) {
                    continue; // evicted between lookup and lock: open it again
                }
                if (!hasCommit(h.repository, candidate) && source.remote()) {
                    fetch(source);
                }
                if (!hasCommit(h.repository, candidate)) {
                    throw new PredictionUnavailable(PredictionUnavailable.COMMIT_MISSING, "commit", "commit '"
                            + candidate + "' is not in repository " + RepositoryPolicy.redact(source.location()));
                }
                return h.miner.range(base, candidate);
            }
        }
        throw new PredictionUnavailable(PredictionUnavailable.ERROR, "repository", "repository "
                + RepositoryPolicy.redact(source.location()) + " was closed while in use; try again");
    }

    private Handle handle(RepositoryPolicy.Source source) {
        synchronized (open) {
            Handle h = open.get(source.location());
            if (h != null) {
                return h;
            }
        }
        synchronized (locks.computeIfAbsent(source.location(), k -> new Object())) {
            synchronized (open) {
                Handle h = open.get(source.location());
                if (h != null) {
                    return h;
                }
            }
            Repository repository = openRepository(source);
            Handle h = new Handle(repository, new ChangeFeatureMiner(repository, options, features));
            synchronized (open) {
                open.put(source.location(), h);
            }
            return h;
        }
    }

    private Repository openRepository(RepositoryPolicy.Source source) {
        Instant until = failedUntil.get(source.location());
        if (until != null && clock.instant().isBefore(until)) {
            throw new PredictionUnavailable(PredictionUnavailable.REPOSITORY_UNREACHABLE, "repository", "repository "
                    + RepositoryPolicy.redact(source.location()) + " failed recently; not tried again before " + until
                    + " (vigil.git.failure-backoff)");
        }
        try {
            long started = System.nanoTime();
            Repository repository = GitRepositories.open(source.location(), cacheDir, source.credentials(), limits);
            failedUntil.remove(source.location());
            LOG.infof("opened repository %s in %d ms", RepositoryPolicy.redact(source.location()),
                    (System.nanoTime() - started) / 1_000_000);
            return repository;
        } catch (IOException | RuntimeException e) {
            if (source.remote()) {
                failedUntil.put(source.location(), clock.instant().plus(failureBackoff));
            }
            throw new PredictionUnavailable(PredictionUnavailable.REPOSITORY_UNREACHABLE, "repository",
                    RepositoryPolicy.redact(String.valueOf(e.getMessage())));
        }
    }

    /** Fetches into the existing mirror (opening it again fetches); objects become visible to the open handle. */
    private void fetch(RepositoryPolicy.Source source) {
        openRepository(source).close();
    }

    private static boolean hasCommit(Repository repository, String revision) {
        if (revision == null || revision.isBlank()) {
            return false;
        }
        try {
            ObjectId id = repository.resolve(revision);
            return id != null && repository.getObjectDatabase().has(id)
                    && repository.open(id).getType() == Constants.OBJ_COMMIT;
        } catch (MissingObjectException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // ambiguous abbreviation or unparsable revision: treated as missing
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            for (Handle h : open.values()) {
                synchronized (h) {
                    h.closed = true;
                    h.repository.close();
                }
            }
            open.clear();
        }
    }
}
