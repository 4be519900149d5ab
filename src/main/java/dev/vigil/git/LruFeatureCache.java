package dev.vigil.git;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory least-recently-used cache in front of an optional persistent store. Thread-safe. */
public final class LruFeatureCache implements FeatureCache {

    private final Map<String, CommitFeatures> entries;
    private final FeatureCache store;

    /**
     * @param capacity entries kept in memory (a commit with 20 files is ~3 KB)
     * @param store    persistent store consulted on a miss and written on every put; {@link FeatureCache#NONE}
     */
    public LruFeatureCache(int capacity, FeatureCache store) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.store = store;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommitFeatures> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Optional<CommitFeatures> get(String key) {
        synchronized (entries) {
            CommitFeatures hit = entries.get(key);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        Optional<CommitFeatures> stored = store.get(key);
        stored.ifPresent(f -> {
            synchronized (entries) {
                entries.put(key, f);
            }
        });
        return stored;
    }

    @Override
    public void put(String key, CommitFeatures features) {
        synchronized (entries) {
            entries.put(key, features);
        }
        store.put(key, features);
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
