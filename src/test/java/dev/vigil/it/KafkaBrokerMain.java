package dev.vigil.it;

import dev.vigil.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;

/**
 * A single-node KRaft broker in a JVM of its own, from the Kafka jars Vigil ships (Maven Central): the external broker
 * of the cluster-mode fault test and benchmark, which kill and restart it without touching Vigil.
 * Args: LOG_DIR PORT CONTROLLER_PORT. Prints {@link #READY} once it serves; closes cleanly on SIGTERM.
 */
public final class KafkaBrokerMain {

    static final String READY = "broker ready";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println(READY + " on " + broker.bootstrapServers());
        Thread.currentThread().join(); // serves until the process is stopped
    }
}
