package dev.vigil.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Per-file line counts of one commit against its first parent, with renames detected (a renamed file counts once,
 * with only its edited lines). Root commits, and commits whose parent is missing (shallow clone), are diffed
 * against the empty tree. Binary files and files over the size cap are listed without line counts.
 */
final class CommitDiffer {

    record Result(List<FileChange> files, Set<FeatureFlag> flags) {
    }

    private final ExtractionOptions options;

    CommitDiffer(ExtractionOptions options) {
        this.options = options;
    }

    Result diff(Repository repository, RevWalk walk, RevCommit commit, Set<ObjectId> shallow) throws IOException {
        Set<FeatureFlag> flags = EnumSet.noneOf(FeatureFlag.class);
        ObjectReader reader = walk.getObjectReader();
        AbstractTreeIterator before = parentTree(walk, commit, shallow, flags);
        try (DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            formatter.setRepository(repository);
            formatter.setDiffComparator(RawTextComparator.DEFAULT);
            formatter.setDetectRenames(true);
            formatter.setBinaryFileThreshold(options.maxFileBytes());
            List<DiffEntry> entries = formatter.scan(before, new CanonicalTreeParser(null, reader, commit.getTree()));
            List<FileChange> files = new ArrayList<>(entries.size());
            for (DiffEntry entry : entries) {
                boolean overFileCap = files.size() >= options.maxFilesPerCommit();
                files.add(fileChange(formatter, reader, entry, overFileCap, flags));
            }
            return new Result(files, flags);
        }
    }

    private AbstractTreeIterator parentTree(RevWalk walk, RevCommit commit, Set<ObjectId> shallow,
                                            Set<FeatureFlag> flags) throws IOException {
        if (shallow.contains(commit)) {
            flags.add(FeatureFlag.SHALLOW); // its parents are not in this clone, even if a walk still lists them
            return new EmptyTreeIterator();
        }
        if (commit.getParentCount() == 0) {
            flags.add(FeatureFlag.ROOT);
            return new EmptyTreeIterator();
        }
        if (commit.getParentCount() > 1) {
            flags.add(FeatureFlag.MERGE);
        }
        try {
            RevCommit parent = walk.parseCommit(commit.getParent(0));
            return new CanonicalTreeParser(null, walk.getObjectReader(), parent.getTree());
        } catch (MissingObjectException e) {
            flags.add(FeatureFlag.SHALLOW);
            return new EmptyTreeIterator();
        }
    }

    private FileChange fileChange(DiffFormatter formatter, ObjectReader reader, DiffEntry entry, boolean overFileCap,
                                  Set<FeatureFlag> flags) throws IOException {
        boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        String path = deleted ? entry.getOldPath() : entry.getNewPath();
        String oldPath = entry.getChangeType() == DiffEntry.ChangeType.ADD ? null : entry.getOldPath();
        if (entry.getOldMode() == FileMode.GITLINK || entry.getNewMode() == FileMode.GITLINK) {
            return new FileChange(path, oldPath, 0, 0, 0, false); // submodule pointer: no lines to count
        }
        if (overFileCap || tooBig(reader, entry.getOldId()) || tooBig(reader, entry.getNewId())) {
            flags.add(FeatureFlag.TRUNCATED);
            return new FileChange(path, oldPath, 0, 0, 0, false);
        }
        FileHeader header = formatter.toFileHeader(entry);
        if (header.getPatchType() != FileHeader.PatchType.UNIFIED) {
            flags.add(FeatureFlag.BINARY);
            return new FileChange(path, oldPath, 0, 0, 0, false);
        }
        int added = 0;
        int removed = 0;
        for (Edit edit : header.toEditList()) {
            added += edit.getLengthB();
            removed += edit.getLengthA();
        }
        return new FileChange(path, oldPath, added, removed, lines(reader, entry.getOldId()), true);
    }

    private boolean tooBig(ObjectReader reader, AbbreviatedObjectId id) throws IOException {
        return id.isComplete() && !id.toObjectId().equals(ObjectId.zeroId())
                && reader.getObjectSize(id.toObjectId(), Constants.OBJ_BLOB) > options.maxFileBytes();
    }

    private static int lines(ObjectReader reader, AbbreviatedObjectId id) throws IOException {
        if (!id.isComplete() || id.toObjectId().equals(ObjectId.zeroId())) {
            return 0;
        }
        return new RawText(reader.open(id.toObjectId(), Constants.OBJ_BLOB).getBytes()).size();
    }
}
