package dev.jawait.sync;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Future;
import dev.jawait.Poll;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A writer's first poll while one reader holds the lock (it takes every free permit but one and
 * queues for the last) races that reader's release (the fast-path CAS returning one permit):
 * either the writer gets the whole lock at once, or it is queued and the release completes its
 * collection and wakes it. r1 = 1 if the first poll got the lock, r2 = 1 if the writer was woken,
 * r3 = 1 if, once the writer has released, the lock is entirely free (a write lock can be taken).
 *
 * <pre>{@code
 * writer: write().poll(cx)      reader: guard.close()      arbiter: poll again if needed, release
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the reader left first: write lock at once")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "queued, then completed by the release and woken")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, or read permits lost or created")
@State
public class RwLockWriteVsReadRelease {
    final RwLock<String> lock = new RwLock<>("v");
    final RwLockReadGuard<String> reader;
    final Future<RwLockWriteGuard<String>> writer;
    final WakeCount waker = new WakeCount();
    int readyAtOnce;

    public RwLockWriteVsReadRelease() {
        reader = lock.tryRead();
        if (reader == null) {
            throw new IllegalStateException("a fresh lock refused a reader");
        }
        writer = lock.write();
    }

    @Actor
    public void writer() {
        Poll<RwLockWriteGuard<String>> p = writer.poll(waker.cx);
        if (p.isReady()) {
            readyAtOnce = 1;
            p.value().close();
        }
    }

    @Actor
    public void reader() {
        reader.close();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = readyAtOnce;
        r.r2 = waker.wakes.get() > 0 ? 1 : 0;
        if (readyAtOnce == 0 && r.r2 == 1) {
            Poll<RwLockWriteGuard<String>> p = writer.poll(waker.cx);
            if (!p.isReady()) {
                r.r3 = -1; // woken without the lock
                return;
            }
            p.value().close();
        }
        RwLockWriteGuard<String> check = lock.tryWrite();
        r.r3 = check != null ? 1 : 0;
        if (check != null) {
            check.close();
        }
    }
}
