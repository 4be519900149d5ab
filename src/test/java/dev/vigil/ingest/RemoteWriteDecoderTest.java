package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a live Prometheus rarely sends on cue: series without a name, staleness markers, broken bodies. */
class RemoteWriteDecoderTest {

    final RemoteWriteDecoder decoder = new RemoteWriteDecoder(1 << 20);

    @Test
    void stalenessMarkersAreSkippedAndSeriesWithoutANameRejected() throws Exception {
        byte[] request = writeRequest(
                series(List.of("__name__", "up", "job", "checkout"), 1.0, Double.longBitsToDouble(RemoteWriteDecoder.STALE_NAN_BITS)),
                series(List.of("job", "checkout"), 2.0));
        List<ConvertedPoint> points = decoder.decode(snappy(request));
        assertEquals(2, points.size());
        assertEquals("up", points.get(0).record().get("name").asText());
        assertEquals("checkout", points.get(0).record().get("labels").get("job").asText());
        assertEquals("timeseries[1].labels.__name__", points.get(1).rejection().field());
    }

    @Test
    void aTruncatedWriteRequestIsRefusedAsAWhole() throws Exception {
        byte[] request = writeRequest(series(List.of("__name__", "up"), 1.0));
        byte[] truncated = Arrays.copyOf(request, request.length - 3);
        RemoteWriteDecoder.DecodeException e = assertThrows(RemoteWriteDecoder.DecodeException.class,
                () -> decoder.decode(snappy(truncated)));
        assertEquals(Rejection.UNKNOWN_FORMAT, e.rejection().reason());
        assertThrows(RemoteWriteDecoder.DecodeException.class, () -> decoder.decode(request), "not snappy");
    }

    private static byte[] series(List<String> labels, double... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int i = 0; i < labels.size(); i += 2) {
            String name = labels.get(i);
            String value = labels.get(i + 1);
            out.writeBytes(1, message(o -> {
                o.writeString(1, name);
                o.writeString(2, value);
            }));
        }
        for (int i = 0; i < values.length; i++) {
            long timestamp = 1_764_000_000_000L + i * 1000L;
            double value = values[i];
            out.writeBytes(2, message(o -> {
                o.writeDouble(1, value);
                o.writeInt64(2, timestamp);
            }));
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] writeRequest(byte[]... series) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (byte[] s : series) {
            out.writeByteArray(1, s);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static ByteString message(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return ByteString.copyFrom(bytes.toByteArray());
    }

    private static byte[] snappy(byte[] raw) {
        SnappyCompressor compressor = new SnappyCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
