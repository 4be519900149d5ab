package dev.vigil.git;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections (JDK), with every response body counted against the budget of the clone or fetch running
 * on the thread: JGit's own timeout bounds each read, not the whole transfer, and JGit has no size limit on fetch.
 * Installed once as JGit's connection factory; a thread with no budget (none of Vigil's) reads unbounded.
 */
final class BoundedHttpConnections extends JDKHttpConnectionFactory {

    /** Bytes and time left to one transfer, shared by all its HTTP exchanges. */
    static final class Budget {
        private final long maxBytes;
        private final long deadlineNanos;
        private final AtomicLong received = new AtomicLong();

        Budget(TransferLimits limits, long nowNanos) {
            this.maxBytes = limits.maxBytes();
            this.deadlineNanos = nowNanos + limits.maxTime().toNanos();
        }

        boolean expired(long nowNanos) {
            return nowNanos - deadlineNanos > 0;
        }

        void charge(long bytes) throws IOException {
            if (received.addAndGet(bytes) > maxBytes) {
                throw new IOException("the transfer exceeded " + maxBytes + " bytes (vigil.git.max-transfer-size)");
            }
            if (expired(System.nanoTime())) {
                throw new IOException("the transfer took longer than allowed (vigil.git.max-transfer-time)");
            }
        }
    }

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

    static {
        HttpTransport.setConnectionFactory(new BoundedHttpConnections());
    }

    private BoundedHttpConnections() {
    }

    /** Runs a transfer on this thread within the budget. */
    static <T, E extends Exception> T within(Budget budget, Transfer<T, E> transfer) throws E {
        Budget previous = BUDGET.get();
        BUDGET.set(budget);
        try {
            return transfer.run();
        } finally {
            BUDGET.set(previous);
        }
    }

    /** A transfer that may throw. */
    @FunctionalInterface
    interface Transfer<T, E extends Exception> {
        T run() throws E;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return new Connection(url, BUDGET.get());
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        return new Connection(url, proxy, BUDGET.get());
    }

    private static final class Connection extends JDKHttpConnection {
        private final Budget budget;

        Connection(URL url, Budget budget) throws IOException {
            super(url);
            this.budget = budget;
        }

        Connection(URL url, Proxy proxy, Budget budget) throws IOException {
            super(url, proxy);
            this.budget = budget;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            InputStream in = super.getInputStream();
            return budget == null ? in : new Counted(in, budget);
        }
    }

    private static final class Counted extends FilterInputStream {
        private final Budget budget;

        Counted(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                budget.charge(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                budget.charge(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            budget.charge(skipped);
            return skipped;
        }
    }
}
