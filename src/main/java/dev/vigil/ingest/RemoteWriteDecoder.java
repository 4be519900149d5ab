package dev.vigil.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a Prometheus remote_write 1.0 body: a snappy block-compressed {@code prometheus.WriteRequest}. Each
 * sample becomes a record of prometheus-kafka-adapter's shape ({@code name}, {@code labels}, {@code timestamp},
 * {@code value}), so {@link MetricParser} takes its service from the configured service labels exactly as for
 * that format. The protobuf is decoded by hand (six fields); there are no published Java classes for it.
 *
 * <p>Staleness markers (a NaN with a fixed bit pattern, sent when a series disappears) are skipped: they are not
 * measurements. Exemplars and metadata are ignored; native histograms are rejected per series.
 */
public final class RemoteWriteDecoder {

    /** Prometheus' staleness marker, {@code value.StaleNaN}. */
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int maxDecodedBytes;

    public RemoteWriteDecoder(int maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** The body could not be read at all; nothing in it is kept. */
    public static final class DecodeException extends Exception {
        private final transient Rejection rejection;

        DecodeException(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }

    public List<ConvertedPoint> decode(byte[] snappy) throws DecodeException {
        return points(uncompress(snappy));
    }

    /** The length is read from the snappy header and checked before anything is allocated for it. */
    byte[] uncompress(byte[] snappy) throws DecodeException {
        int length;
        try {
            length = SnappyDecompressor.getUncompressedLength(snappy, 0);
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new DecodeException(new Rejection(Rejection.UNKNOWN_FORMAT, null, "the body is not snappy block-compressed"));
        }
        if (length < 0) {
            throw new DecodeException(new Rejection(Rejection.UNKNOWN_FORMAT, null, "the body's snappy header is malformed"));
        }
        if (length > maxDecodedBytes) {
            throw new DecodeException(new Rejection(Rejection.PAYLOAD_TOO_LARGE, null, "the body uncompresses to " + length
                    + " bytes, more than the limit of " + maxDecodedBytes));
        }
        byte[] out = new byte[length];
        try {
            new SnappyDecompressor().decompress(snappy, 0, snappy.length, out, 0, length);
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new DecodeException(new Rejection(Rejection.UNKNOWN_FORMAT, null, "the body is not valid snappy: " + e.getMessage()));
        }
        return out;
    }

    List<ConvertedPoint> points(byte[] writeRequest) throws DecodeException {
        List<ConvertedPoint> points = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(writeRequest);
        int series = 0;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 1) {
                    timeSeries(in.readBytes().newCodedInput(), "timeseries[" + series++ + "]", points);
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new DecodeException(new Rejection(Rejection.UNKNOWN_FORMAT, "timeseries[" + series + "]",
                    "the body is not a remote_write 1.0 WriteRequest: " + e.getMessage()));
        }
        return points;
    }

    private static void timeSeries(CodedInputStream in, String path, List<ConvertedPoint> out) throws IOException {
        TreeMap<String, String> labels = new TreeMap<>();
        List<Sample> samples = new ArrayList<>();
        boolean histograms = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> label(in.readBytes().newCodedInput(), labels);
                case 2 -> samples.add(sample(in.readBytes().newCodedInput()));
                case 4 -> {
                    histograms = true;
                    in.skipField(tag);
                }
                default -> in.skipField(tag);
            }
        }
        if (histograms) {
            out.add(ConvertedPoint.rejected(path, Rejection.invalid(path + ".histograms",
                    "native histograms are not supported; send classic histograms (send_native_histograms: false)")));
        }
        String name = labels.remove("__name__");
        for (int i = 0; i < samples.size(); i++) {
            String samplePath = path + ".samples[" + i + "]";
            double value = samples.get(i).value();
            if (Double.doubleToRawLongBits(value) == STALE_NAN_BITS) {
                continue;
            }
            if (name == null) {
                out.add(ConvertedPoint.rejected(samplePath, Rejection.missing(path + ".labels.__name__")));
                continue;
            }
            ObjectNode record = NODES.objectNode();
            record.put("name", name);
            ObjectNode labelNode = record.putObject("labels");
            labels.forEach(labelNode::put);
            record.put("timestamp", samples.get(i).timestamp());
            record.put("value", value);
            out.add(ConvertedPoint.of(samplePath, record));
        }
    }

    private static void label(CodedInputStream in, TreeMap<String, String> labels) throws IOException {
        String name = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> value = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        if (!value.isEmpty()) { // Prometheus: an empty label is the same as an absent one
            labels.put(name, value);
        }
    }

    private record Sample(double value, long timestamp) {
    }

    private static Sample sample(CodedInputStream in) throws IOException {
        double value = 0;
        long timestamp = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> value = in.readDouble();
                case 2 -> timestamp = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new Sample(value, timestamp);
    }
}
