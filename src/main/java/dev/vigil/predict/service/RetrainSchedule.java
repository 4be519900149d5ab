package dev.vigil.predict.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Retrains every service's model each {@code vigil.predict.retrain-interval} (e.g. {@code 24h}; {@code off} never),
 * the first time one interval after start. Checked once a minute, so the interval is honoured to the minute.
 */
@ApplicationScoped
public class RetrainSchedule {

    private static final Logger LOG = Logger.getLogger(RetrainSchedule.class);

    private final ModelRetrainer retrainer;
    private final Clock clock;
    private final Optional<Duration> interval;
    private Instant last;

    public RetrainSchedule(ModelRetrainer retrainer, Clock clock, PredictConfig config) {
        this.retrainer = retrainer;
        this.clock = clock;
        this.interval = parse(config.retrainInterval());
        this.last = clock.instant();
    }

    /** {@code off}/{@code disabled} → empty; {@code 24h}, {@code 90m} or ISO-8601 {@code PT24H}. */
    static Optional<Duration> parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("disabled") || v.equals("0")) {
            return Optional.empty();
        }
        try {
            Duration d = v.startsWith("p") ? Duration.parse(v) : Character.isDigit(v.charAt(0)) && v.endsWith("d")
                    ? Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1))) : Duration.parse("PT" + v);
            if (d.isNegative() || d.isZero()) {
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("vigil.predict.retrain-interval must be a duration such as 24h or off,"
                    + " got '" + value + "'");
        }
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "vigil-model-retrain", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (interval.isEmpty() || clock.instant().isBefore(last.plus(interval.get()))) {
            return;
        }
        last = clock.instant();
        try {
            for (ModelRetrainer.Result r : retrainer.retrainAll(last)) {
                LOG.infof("retrain service=%s trained=%s version=%s labelled=%d: %s", r.service(), r.trained(),
                        r.version(), r.labelledDeploys(), r.summary());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "scheduled model retraining failed");
        }
    }
}
