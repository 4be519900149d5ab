package dev.vigil.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The series registry on disk. Merging is additive, so several replicas may flush the same series. */
public final class SeriesRepository {

    private static final String COLUMNS = "id, service, name, labels, first_seen, last_seen, sample_count, last_value";

    private static final String UNIQUE_VIOLATION = "23505";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String UPDATE = "UPDATE series SET first_seen = LEAST(first_seen, ?), "
            + "last_seen = GREATEST(last_seen, ?), sample_count = sample_count + ?, "
            + "last_value = CASE WHEN ? >= last_seen THEN ? ELSE last_value END WHERE id = ?";
    private static final String INSERT = "INSERT INTO series (id, service, name, labels, first_seen, last_seen, "
            + "sample_count, last_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public SeriesRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void merge(List<SeriesDelta> deltas) {
        merge(new SeriesFlush(deltas, List.of()));
    }

    /**
     * Adds the counts, moves the partitions' resume offsets and writes the derived state captured with them in one
     * transaction: all or nothing is stored.
     */
    public void merge(SeriesFlush flush) {
        if (flush.isEmpty()) {
            return;
        }
        List<SeriesDelta> deltas = flush.deltas();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int attempt = 1; ; attempt++) {
                try {
                    insert(c, update(c, deltas));
                    storeOffsets(c, flush.offsets());
                    flush.derived().write(c);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    // Another replica inserted one of our new rows first: now it exists, so the next attempt updates it.
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == 3) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not merge " + deltas.size() + " series", e);
        }
    }

    /** The stored resume offset of each partition of {@code topic} that has one. */
    public Map<Integer, Long> offsets(String topic) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT partition_id, next_offset FROM consumer_offsets WHERE topic = ?")) {
            ps.setString(1, topic);
            Map<Integer, Long> offsets = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return offsets;
        } catch (SQLException e) {
            throw new StoreException("could not read the consumer offsets of " + topic, e);
        }
    }

    /** Offsets only move forward: a replica that lost a partition may flush an older position after the new owner. */
    private static void storeOffsets(Connection c, List<ConsumedOffset> offsets) throws SQLException {
        for (ConsumedOffset o : offsets) {
            try (PreparedStatement update = c.prepareStatement("UPDATE consumer_offsets SET next_offset = ? "
                    + "WHERE topic = ? AND partition_id = ? AND next_offset <= ?")) {
                update.setLong(1, o.next());
                update.setString(2, o.topic());
                update.setInt(3, o.partition());
                update.setLong(4, o.next());
                if (update.executeUpdate() == 1 || exists(c, o)) {
                    continue;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO consumer_offsets (topic, partition_id, next_offset) VALUES (?, ?, ?)")) {
                insert.setString(1, o.topic());
                insert.setInt(2, o.partition());
                insert.setLong(3, o.next());
                insert.executeUpdate();
            }
        }
    }

    private static boolean exists(Connection c, ConsumedOffset o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM consumer_offsets WHERE topic = ? AND partition_id = ?")) {
            ps.setString(1, o.topic());
            ps.setInt(2, o.partition());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<SeriesDelta> update(Connection c, List<SeriesDelta> deltas) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (SeriesDelta d : deltas) {
                Sql.setInstant(ps, 1, d.firstSeen());
                Sql.setInstant(ps, 2, d.lastSeen());
                ps.setLong(3, d.count());
                Sql.setInstant(ps, 4, d.lastSeen());
                ps.setDouble(5, d.lastValue());
                ps.setString(6, d.key().id());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<SeriesDelta> missing = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missing.add(deltas.get(i));
                }
            }
            return missing;
        }
    }

    private static void insert(Connection c, List<SeriesDelta> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (SeriesDelta d : deltas) {
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
