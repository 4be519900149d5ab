#!/usr/bin/env python3
"""Writes a git fast-import stream for a synthetic history: N commits by 40 authors over ~4 years, ~600 text files
in 12 subsystems / 60 directories, each commit editing 1-8 files (appends, deletes, rewrites), some renames and fix
messages, a merge every 200 commits. Deterministic (seeded). Usage: gen_repo.py N | git fast-import"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rnd = random.Random(42)
out = sys.stdout.buffer
authors = ['dev%02d' % i for i in range(40)]
dirs = ['sub%02d/mod%02d' % (s, m) for s in range(12) for m in range(5)]
files = {}  # path -> list of lines
t = 1_500_000_000
mark = 0


def data(b):
    out.write(b'data %d\n' % len(b))
    out.write(b)
    out.write(b'\n')


def commit(branch, msg, ops, parents):
    global mark, t
    mark += 1
    t += rnd.randint(600, 20000)
    a = rnd.choice(authors)
    out.write(b'commit refs/heads/%s\nmark :%d\n' % (branch.encode(), mark))
    out.write(b'author %s <%s@example.org> %d +0000\n' % (a.encode(), a.encode(), t))
    out.write(b'committer %s <%s@example.org> %d +0000\n' % (a.encode(), a.encode(), t))
    data(msg.encode())
    for i, p in enumerate(parents):
        out.write(b'%s :%d\n' % (b'from' if i == 0 else b'merge', p))
    for op in ops:
        out.write(op)
    out.write(b'\n')
    return mark


def modify(path):
    lines = files.setdefault(path, [])
    k = rnd.random()
    if not lines or k < 0.5:
        lines[len(lines):] = ['line %d %d' % (mark, j) for j in range(rnd.randint(1, 40))]
    elif k < 0.8:
        i = rnd.randrange(len(lines))
        lines[i:i + rnd.randint(1, 5)] = ['changed %d %d' % (mark, j) for j in range(rnd.randint(0, 6))]
    else:
        del lines[rnd.randrange(len(lines)):][:rnd.randint(1, 10)]
    body = ('\n'.join(lines) + '\n').encode()
    return b'M 100644 inline %s\ndata %d\n%s\n' % (path.encode(), len(body), body)


main = None
side = None
main_files = []  # paths on main; the side branch only touches files it created, so merges never conflict
side_files = []
for i in range(n):
    on_side = side is not None and 150 < i % 200 < 170
    if i % 200 == 150 and main:
        side = main
    ops = []
    pool = side_files if on_side else main_files
    for _ in range(rnd.randint(1, 8)):
        if pool and rnd.random() < 0.7:
            path = rnd.choice(pool)
        else:
            path = '%s/f%05d%s.txt' % (rnd.choice(dirs), rnd.randrange(100000), '_s' if on_side else '')
            if path in files:
                continue
            pool.append(path)
        ops.append(modify(path))
    if not on_side and len(main_files) > 10 and rnd.random() < 0.01:
        old = rnd.choice(main_files)
        new = old.replace('.txt', '_r.txt')
        if new not in files:
            files[new] = files.pop(old)
            main_files.remove(old)
            main_files.append(new)
            ops.append(b'R %s %s\n' % (old.encode(), new.encode()))
    msg = ('Fix bug %d in parser' % i) if rnd.random() < 0.25 else ('Change %d' % i)
    if on_side:
        side = commit('side', msg, ops, [side])
        continue
    parents = [main] if main else []
    if side is not None and i % 200 == 170:
        parents.append(side)
        for path in side_files:  # fast-import takes the tree from the first parent: bring the side files over
            body = ('\n'.join(files[path]) + '\n').encode()
            ops.append(b'M 100644 inline %s\ndata %d\n%s\n' % (path.encode(), len(body), body))
        main_files.extend(side_files)
        side_files = []
        side = None
        msg = 'Merge side'
    main = commit('main', msg, ops, parents)
