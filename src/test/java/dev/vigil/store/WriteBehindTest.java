package dev.vigil.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The shared write-behind: bounded, batched, a failed batch held and written first, closing writes what is queued. */
class WriteBehindTest {

    final List<List<Integer>> written = new CopyOnWriteArrayList<>();

    @Test
    void aBatchThatFailsIsHeldAndWrittenBeforeAnythingNewer() {
        WriteBehind<Integer> queue = new WriteBehind<>("numbers", 10, 10);
        queue.offer(1);
        queue.offer(2);
        queue.flush(batch -> {
            throw new StoreException("database down", null);
        });
        queue.offer(3);
        queue.flush(written::add);
        assertEquals(List.of(List.of(1, 2, 3)), written, "the held batch, then what queued behind it, in order");
    }

    @Test
    void aFullQueueRefusesAnOfferAndBatchesAreBounded() {
        WriteBehind<Integer> queue = new WriteBehind<>("numbers", 3, 2);
        assertTrue(queue.offer(1) && queue.offer(2) && queue.offer(3));
        assertFalse(queue.offer(4), "no room: the caller counts the loss");
        queue.flush(written::add);
        assertEquals(List.of(List.of(1, 2), List.of(3)), written);
    }

    @Test
    void theWriterThreadWritesWhatIsQueuedBeforeItCloses() throws InterruptedException {
        WriteBehind<Integer> queue = new WriteBehind<>("numbers", 100, 7);
        queue.start(written::add);
        for (int i = 0; i < 30; i++) {
            queue.put(i);
        }
        assertTrue(queue.close(Duration.ofSeconds(10)));
        assertEquals(30, written.stream().mapToInt(List::size).sum());
        assertTrue(written.stream().allMatch(b -> b.size() <= 7), "at most maxBatch a transaction");
        assertTrue(queue.awaitWritten(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> queue.put(99), "closed: no more items");
    }
}
