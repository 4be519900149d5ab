package dev.vigil.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Who touched which file when, for every non-merge commit reachable from the tips indexed so far: the history the
 * experience and file-history features (NDEV, AGE, NUC, EXP, REXP, SEXP) are computed from. Built with plain tree
 * diffs (paths only, no content), so indexing 10,000 commits takes seconds once; later tips are added
 * incrementally by walking only commits not seen before.
 *
 * <p>"Prior" means an earlier author time, the chronological reading commit-guru uses, not ancestry: a change on a
 * parallel branch made last week is experience the author has. Merge commits are left out (their diff against the
 * first parent repeats the merged branch's changes, which are indexed as themselves), and so are shallow-boundary
 * commits (what they changed is unknown).
 */
public final class HistoryIndex {

    /** One commit touching one path. */
    record Touch(int commit, String author, long time) {
    }

    /** One commit by one author. */
    record Authored(int commit, long time, Set<String> subsystems) {
    }

    private final Map<String, List<Touch>> byPath = new HashMap<>();
    private final Map<String, List<Authored>> byAuthor = new HashMap<>();
    private final Map<ObjectId, Integer> indexed = new HashMap<>();
    private final Set<ObjectId> walkedTips = new HashSet<>();

    /** Adds every commit reachable from {@code tip} not indexed yet. */
    public synchronized void extend(Repository repository, ObjectId tip) throws IOException {
        if (walkedTips.contains(tip) || indexed.containsKey(tip)) {
            return; // an indexed commit's history was indexed with it
        }
        Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            walk.markStart(walk.parseCommit(tip));
            for (ObjectId seen : walkedTips) {
                walk.markUninteresting(walk.parseCommit(seen));
            }
            for (RevCommit commit : walk) {
                if (!indexed.containsKey(commit) && commit.getParentCount() <= 1 && !shallow.contains(commit)) {
                    add(commit, touchedPaths(reader, commit));
                }
            }
        }
        walkedTips.add(tip.copy());
    }

    public synchronized int size() {
        return indexed.size();
    }

    private void add(RevCommit commit, List<String> paths) {
        int id = indexed.size();
        indexed.put(commit.copy(), id);
        String author = author(commit);
        long time = commit.getAuthorIdent().getWhenAsInstant().getEpochSecond();
        Set<String> subsystems = new HashSet<>();
        for (String path : paths) {
            byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(new Touch(id, author, time));
            subsystems.add(new FileChange(path, null, 0, 0, 0, true).subsystem());
        }
        byAuthor.computeIfAbsent(author, a -> new ArrayList<>()).add(new Authored(id, time, Set.copyOf(subsystems)));
    }

    private static List<String> touchedPaths(ObjectReader reader, RevCommit commit) throws IOException {
        List<String> paths = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            if (commit.getParentCount() == 0) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                tw.addTree(commit.getParent(0).getTree());
            }
            tw.addTree(commit.getTree());
            while (tw.next()) {
                paths.add(tw.getPathString());
            }
        }
        return paths;
    }

    static String author(RevCommit commit) {
        return commit.getAuthorIdent().getEmailAddress().toLowerCase(Locale.ROOT);
    }

    /** Prior touches (author time strictly before {@code time}) of any of the paths. */
    synchronized List<Touch> priorTouches(Set<String> paths, long time) {
        List<Touch> out = new ArrayList<>();
        for (String path : paths) {
            for (Touch touch : byPath.getOrDefault(path, List.of())) {
                if (touch.time() < time) {
                    out.add(touch);
                }
            }
        }
        return out;
    }

    /** The author's prior commits (author time strictly before {@code time}). */
    synchronized List<Authored> priorCommits(String author, long time) {
        List<Authored> out = new ArrayList<>();
        for (Authored a : byAuthor.getOrDefault(author, List.of())) {
            if (a.time() < time) {
                out.add(a);
            }
        }
        return out;
    }
}
