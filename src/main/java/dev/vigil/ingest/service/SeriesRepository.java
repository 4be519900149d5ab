package dev.vigil.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import dev.vigil.store.Dialect;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The series registry on disk. Merging is additive, so several replicas may flush the same series. */
public final class SeriesRepository {

    private static final String COLUMNS = "id, service, name, labels, first_seen, last_seen, sample_count, last_value";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String[] UPSERT_COLUMNS = {"id", "service", "name", "labels", "first_seen", "last_seen",
        "sample_count", "last_value"};
    private static final String[] UPSERT_TYPES = {"CHAR(32)", "VARCHAR(256)", "VARCHAR(256)", "VARCHAR(16384)",
        "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE", "BIGINT", "DOUBLE PRECISION"};
    private static final String ADD = "first_seen = LEAST(t.first_seen, n.first_seen), "
            + "last_seen = GREATEST(t.last_seen, n.last_seen), sample_count = t.sample_count + n.sample_count, "
            + "last_value = CASE WHEN n.last_seen >= t.last_seen THEN n.last_value ELSE t.last_value END";
    private static final Map<Dialect, String> UPSERT = new EnumMap<>(Dialect.class);

    static {
        for (Dialect d : Dialect.values()) {
            UPSERT.put(d, d.upsert("series", UPSERT_COLUMNS, UPSERT_TYPES, new String[] {"id"}, ADD));
        }
    }

    private final DataSource dataSource;

    public SeriesRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void merge(List<SeriesDelta> deltas) {
        merge(new SeriesFlush(deltas, List.of()));
    }

    /**
     * Moves the partitions' resume offsets, adds the counts and writes the derived state captured with them in one
     * transaction: all or nothing is stored. Nothing is stored either when another owner claimed one of the
     * partitions since the one flushing did ({@link PartitionsFenced}).
     */
    public void merge(SeriesFlush flush) {
        if (flush.isEmpty()) {
            return;
        }
        List<SeriesDelta> deltas = flush.deltas();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Dialect.commitRetryingInsertRaces(c, connection -> {
                List<ConsumedOffset> fenced = storeOffsets(connection, flush.offsets());
                if (!fenced.isEmpty()) {
                    connection.rollback();
                    throw new PartitionsFenced(fenced);
                }
                upsert(connection, deltas);
                flush.derived().write(connection);
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("could not merge " + deltas.size() + " series", e);
        }
    }

    /** What an owner claimed a partition with: its epoch, and where its stored state ends (null: nothing stored). */
    public record Claim(int partition, long epoch, Long next) {
    }

    /**
     * Claims the partitions of {@code topic} for a new owner, in one transaction: each one's epoch goes up by one,
     * so that whoever owned it before can store nothing more of it ({@link #merge}). Returns each one's new epoch
     * and stored resume offset.
     */
    public List<Claim> claim(String topic, Collection<Integer> partitions) {
        List<Integer> sorted = partitions.stream().sorted().toList(); // one lock order for every claimer
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            return Dialect.commitRetryingInsertRaces(c, connection -> { // two claimers inserting a partition's first row
                List<Claim> claims = new ArrayList<>(sorted.size());
                for (int partition : sorted) {
                    claims.add(claim(connection, topic, partition));
                }
                return claims;
            });
        } catch (SQLException e) {
            throw new StoreException("could not claim partitions " + partitions + " of " + topic, e);
        }
    }

    private static Claim claim(Connection c, String topic, int partition) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE consumer_offsets SET owner_epoch = owner_epoch + 1 "
                + "WHERE topic = ? AND partition_id = ?")) {
            up.setString(1, topic);
            up.setInt(2, partition);
            if (up.executeUpdate() == 0) {
                try (PreparedStatement in = c.prepareStatement(
                        "INSERT INTO consumer_offsets (topic, partition_id, owner_epoch) VALUES (?, ?, 1)")) {
                    in.setString(1, topic);
                    in.setInt(2, partition);
                    in.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner_epoch, next_offset FROM consumer_offsets WHERE topic = ? AND partition_id = ?")) {
            ps.setString(1, topic);
            ps.setInt(2, partition);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long epoch = rs.getLong(1);
                long next = rs.getLong(2);
                return new Claim(partition, epoch, rs.wasNull() ? null : next);
            }
        }
    }


    /**
     * Stores each offset if its partition is still claimed with the epoch the offset carries, never moving it back;
     * returns those claimed by another owner since (the caller rolls back). A partition never claimed has epoch 0.
     */
    private static List<ConsumedOffset> storeOffsets(Connection c, List<ConsumedOffset> offsets) throws SQLException {
        List<ConsumedOffset> fenced = new ArrayList<>();
        List<ConsumedOffset> sorted = offsets.stream().sorted(Comparator.comparing(ConsumedOffset::topic)
                .thenComparingInt(ConsumedOffset::partition)).toList(); // one lock order for every flusher
        for (ConsumedOffset o : sorted) {
            try (PreparedStatement update = c.prepareStatement("UPDATE consumer_offsets SET next_offset = ? "
                    + "WHERE topic = ? AND partition_id = ? AND owner_epoch = ? "
                    + "AND (next_offset IS NULL OR next_offset <= ?)")) {
                update.setLong(1, o.next());
                update.setString(2, o.topic());
                update.setInt(3, o.partition());
                update.setLong(4, o.epoch());
                update.setLong(5, o.next());
                if (update.executeUpdate() == 1) {
                    continue;
                }
            }
            Long stored = storedEpoch(c, o);
            if (stored == null) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO consumer_offsets (topic, partition_id, next_offset, owner_epoch) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, o.topic());
                    insert.setInt(2, o.partition());
                    insert.setLong(3, o.next());
                    insert.setLong(4, o.epoch());
                    insert.executeUpdate();
                }
            } else if (stored != o.epoch()) {
                fenced.add(o);
            } // else: the same owner stored a further offset already; it does not move back
        }
        return fenced;
    }

    private static Long storedEpoch(Connection c, ConsumedOffset o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner_epoch FROM consumer_offsets WHERE topic = ? AND partition_id = ?")) {
            ps.setString(1, o.topic());
            ps.setInt(2, o.partition());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** One additive upsert per series, in key order (two writers of the same rows wait rather than deadlock). */
    private static void upsert(Connection c, List<SeriesDelta> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<SeriesDelta> sorted = new ArrayList<>(deltas);
        sorted.sort(Comparator.comparing(d -> d.key().id()));
        try (PreparedStatement ps = c.prepareStatement(UPSERT.get(Dialect.of(c)))) {
            for (SeriesDelta d : sorted) {
                ps.setString(1, d.key().id());
                ps.setString(2, d.key().service());
                ps.setString(3, d.key().name());
                ps.setString(4, labelsJson(d.key().labels()));
                Sql.setInstant(ps, 5, d.firstSeen());
                Sql.setInstant(ps, 6, d.lastSeen());
                ps.setLong(7, d.count());
                ps.setDouble(8, d.lastValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Page<SeriesRecord> find(SeriesQuery query, PageRequest page) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.page(c, COLUMNS, "series", where(query), "service, name, id", page, SeriesRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list series", e);
        }
    }

    /** The page {@link #find} answers, without its total (one query, not two: the gate asks on every evaluation). */
    private List<SeriesRecord> items(SeriesQuery query, PageRequest page) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.items(c, COLUMNS, "series", where(query), "service, name, id", page, SeriesRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list series", e);
        }
    }

    private static Sql.Where where(SeriesQuery query) {
        return new Sql.Where()
                .eq("service", query.service())
                .eq("name", query.name())
                .add("last_seen >= ?", query.from())
                .add("first_seen < ?", query.to());
    }

    /**
     * How many series of {@code service} were seen at or after {@code since} whose label {@code labelName} is
     * {@code labelValue} or absent, counting at most {@code max} (labels are JSON, so they are matched here rather
     * than in SQL, the same way on H2 and PostgreSQL).
     */
    public int countSeen(String service, Instant since, String labelName, String labelValue, int max) {
        int counted = 0;
        for (int offset = 0; offset < max; offset += Page.MAX_LIMIT) {
            List<SeriesRecord> rows = items(new SeriesQuery(service, null, since, null),
                    new PageRequest(Page.MAX_LIMIT, offset));
            for (SeriesRecord r : rows) {
                String value = r.labels().get(labelName);
                counted += value == null || value.equals(labelValue) ? 1 : 0;
            }
            if (rows.size() < Page.MAX_LIMIT) {
                break;
            }
        }
        return Math.min(counted, max);
    }

    private static SeriesRecord read(ResultSet rs) throws SQLException {
        try {
            return new SeriesRecord(rs.getString("id"), rs.getString("service"), rs.getString("name"),
                    JSON.readValue(rs.getString("labels"), LABELS), Sql.getInstant(rs, "first_seen"),
                    Sql.getInstant(rs, "last_seen"), rs.getLong("sample_count"), rs.getDouble("last_value"));
        } catch (JsonProcessingException e) {
            throw new SQLException("labels of series " + rs.getString("id") + " are not JSON", e);
        }
    }

    private static String labelsJson(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
