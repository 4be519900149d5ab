import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load on POST /api/v1/gates/evaluate: requests leave at a fixed rate whatever the answers do, and
 * each latency is measured from the moment its request was due, so a stall is not hidden (no coordinated
 * omission). JDK only: run with {@code java bench/gate/GateLoad.java URL TOKEN RATE SECONDS WARMUP_SECONDS [ids]};
 * with {@code ids} every request carries a distinct {@code requestId} (the idempotent path, stored before the answer).
 *
 * <p>It shares the machine's cores with Vigil, so it is kept cheap: plain HTTP/1.1 over a pool of kept-alive
 * sockets (one blocking thread each), one pacing thread, no HTTP client library. A request waits in the queue
 * only when every connection is busy, and that wait is part of its latency. Its own CPU time is printed.
 */
public class GateLoad {

    private static final int CONNECTIONS = 32;
    /** The requests' environment (GATE_ENVIRONMENT, default prod): picks the policy, e.g. prometheus.sh's. */
    private static final String ENVIRONMENT = System.getenv().getOrDefault("GATE_ENVIRONMENT", "prod");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static volatile boolean requestIds;

    /** A request due at {@code due} (System.nanoTime). */
    private record Due(int n, long due) {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String token = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        requestIds = args.length > 5 && args[5].equals("ids");
        run(url, token, rate, warmup, "warm-up");
        run(url, token, rate, seconds, "measured");
        System.exit(0);
    }

    private static void run(URI url, String token, int rate, int seconds, String phase) throws Exception {
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(total);
        BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
        double[] serverBefore = serverSide(url);
        double vigilBefore = vigilCpuSeconds();
        long cpuBefore = cpuNanos();
        Thread[] workers = new Thread[CONNECTIONS];
        for (int w = 0; w < CONNECTIONS; w++) {
            workers[w] = new Thread(() -> work(url, token, queue, latencies, errors, finished), "load-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            queue.add(new Due(i, due));
        }
        if (!finished.await(seconds + 60L, TimeUnit.SECONDS)) {
            System.out.println(phase + ": not all answers arrived");
        }
        for (Thread w : workers) {
            w.interrupt();
        }
        double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
        double vigilSeconds = vigilCpuSeconds() - vigilBefore;
        double[] serverAfter = serverSide(url);
        double served = serverAfter[0] - serverBefore[0];
        Arrays.sort(latencies);
        System.out.printf("%s: %d requests at %d/s over %d s, errors %d, latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f"
                        + "; server-side mean %.2f ms; Vigil cpu %.2f ms per request; load generator cpu %.1f s (%.0f%% of one core)%n",
                phase, total, rate, seconds, errors.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 0.999), latencies[total - 1] / 1e6,
                served > 0 ? 1000 * (serverAfter[1] - serverBefore[1]) / served : Double.NaN,
                1000 * vigilSeconds / total, cpuSeconds,
                100 * cpuSeconds / seconds);
    }

    /** One connection: takes due requests, sends each, reads its answer; reconnects after an error. */
    private static void work(URI url, String token, BlockingQueue<Due> queue, long[] latencies, AtomicInteger errors,
                             CountDownLatch finished) {
        Connection c = null;
        while (!Thread.currentThread().isInterrupted()) {
            Due d;
            try {
                d = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            int status;
            try {
                if (c == null) {
                    c = new Connection(url);
                }
                status = c.post("/api/v1/gates/evaluate", token, body(d.n(), requestIds ? RUN + "-" + d.due() : null));
            } catch (IOException e) {
                status = -1;
                if (c != null) {
                    c.close();
                }
                c = null;
            }
            latencies[d.n()] = System.nanoTime() - d.due();
            if (status != 200) {
                errors.incrementAndGet();
            }
            finished.countDown();
        }
        if (c != null) {
            c.close();
        }
    }

    /** A kept-alive HTTP/1.1 connection that reads Content-Length bodies (all Vigil sends for these requests). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;

        Connection(URI url) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            host = url.getHost() + ":" + url.getPort();
        }

        int post(String path, String token, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + b.length
                    + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            return readResponse(in);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after an error
            }
        }
    }

    /** Reads one response: the status, the headers, then Content-Length bytes of body, discarded. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        String header;
        while (!(header = line(in)).isEmpty()) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        while (length > 0) {
            long skipped = in.skip(length);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in the body");
                }
                skipped = 1;
            }
            length -= skipped;
        }
        return code;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /**
     * Count and seconds summed of the evaluate endpoint's answers as the server measured them (Micrometer's
     * http_server_requests_seconds on /q/metrics): the time inside Vigil, without the client and the network.
     */
    private static double[] serverSide(URI url) throws IOException {
        double count = 0;
        double sum = 0;
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            s.getOutputStream().write(("GET /q/metrics HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String metrics = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : metrics.split("\n")) {
                if (line.startsWith("http_server_requests_seconds_") && line.contains("uri=\"/api/v1/gates/evaluate\"")
                        && line.contains("status=\"200\"")) {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
                    if (line.startsWith("http_server_requests_seconds_count{")) {
                        count += value;
                    } else if (line.startsWith("http_server_requests_seconds_sum{")) {
                        sum += value;
                    }
                }
            }
        }
        return new double[] {count, sum};
    }

    /** CPU seconds (user + system) of the Vigil process so far, when its pid is given (-Dvigil.pid); else NaN. */
    private static double vigilCpuSeconds() throws IOException {
        String pid = System.getProperty("vigil.pid");
        if (pid == null) {
            return Double.NaN;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the command name; USER_HZ is 100 on Linux
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** CPU time of this whole process (all threads), so the generator's share of the cores can be reported. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** Distinct services and versions, no canary block: the policy is decided at once, nothing waits. */
    private static String body(int n, String requestId) {
        return "{" + (requestId == null ? "" : "\"requestId\":\"" + requestId + "\",") + "\"service\":\"svc-" + (n % 50) + "\",\"environment\":\"" + ENVIRONMENT + "\",\"version\":\"1." + n + "\",\"commit\":\"c" + n + "\"}";
    }
}
