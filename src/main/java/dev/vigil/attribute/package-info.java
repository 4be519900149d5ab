/**
 * Deploy-to-anomaly attribution: which recent deploy of a service probably caused an anomaly that opened on it, and
 * how confident that link is. Plain Java (no Quarkus, Kafka or JDBC types); time is always an argument.
 *
 * <p>A package of its own rather than part of {@code predict} or {@code detect}: it reads the output of detection
 * (anomalies) and the deploy history, and feeds both the anomaly API and the training labels of prediction, so
 * placing it in either would make the other depend on it for something that is not its job. The Quarkus adapters
 * are in {@code attribute.service}.
 */
package dev.vigil.attribute;
