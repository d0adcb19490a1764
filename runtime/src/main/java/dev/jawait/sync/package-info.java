/**
 * Synchronization primitives for asynchronous code: channels, locks, semaphores and
 * notifications that suspend the waiting task instead of blocking its thread — jawait's
 * {@code tokio::sync}.
 *
 * <h2>Message passing</h2>
 * <ul>
 *   <li>{@link dev.jawait.sync.Channel} — multi-producer, single-consumer FIFO, bounded (with
 *       backpressure) or unbounded. {@code await(tx.send(m))}, {@code await(rx.recv())} (an
 *       {@link java.util.Optional}, empty at the end).</li>
 *   <li>{@link dev.jawait.sync.Oneshot} — one value, once: the reply to a request.</li>
 *   <li>{@link dev.jawait.sync.Broadcast} — every receiver sees every message; a slow receiver
 *       is told how many it missed ({@link dev.jawait.sync.LaggedException}).</li>
 *   <li>{@link dev.jawait.sync.Watch} — the latest value of something that changes; receivers
 *       wait for {@code changed()}.</li>
 * </ul>
 *
 * <p>Every kind of channel tells its senders when nobody listens: once every receiver is closed,
 * a send fails with {@link dev.jawait.sync.ChannelClosedException}, which hands the message back.
 * Receivers see the end ({@code Optional.empty()} or {@code ChannelClosedException}) only after
 * every message sent before it.
 *
 * <h2>State synchronization</h2>
 * <ul>
 *   <li>{@link dev.jawait.sync.Mutex} and {@link dev.jawait.sync.RwLock} — locks whose guards
 *       may be held across {@code await}, released by try-with-resources.</li>
 *   <li>{@link dev.jawait.sync.Semaphore} — fair, multi-permit; limits concurrency.</li>
 *   <li>{@link dev.jawait.sync.Notify} — wake one or all waiting tasks.</li>
 *   <li>{@link dev.jawait.sync.Barrier} — wait until {@code n} tasks have arrived.</li>
 * </ul>
 *
 * <pre>{@code
 * Channel<Job> jobs = Channel.bounded(100);
 * Semaphore slots = new Semaphore(4);
 *
 * @Async
 * static void dispatcher(Receiver<Job> rx, Semaphore slots) {
 *     Optional<Job> job;
 *     while ((job = await(rx.recv())).isPresent()) {
 *         Permit p = await(slots.acquire());              // at most 4 jobs at once
 *         Task.spawn(WorkerAsync.run(job.get(), p));       // the worker closes p when done
 *     }
 * }
 * }</pre>
 *
 * <h2>Fairness</h2>
 * Mutex, RwLock, Semaphore and bounded-channel senders serve waiters strictly in arrival order,
 * and their {@code try*} methods never overtake a waiter. Notify's {@code notifyOne} wakes the
 * longest waiter.
 *
 * <h2>Cancellation safety</h2>
 * Every waiting future here is a leaf: its {@link dev.jawait.Future#cancel()} withdraws it from
 * the wait queue and returns {@code false}. A future cancelled just after it had been handed
 * something, but before it was polled to see it, hands it on: a lock or permits go to the next
 * waiter, a bounded channel slot to the next sender (and the message is not sent), a
 * {@code notifyOne} to the next waiter. A cancelled receive has taken no message. So aborting a
 * task (or losing a {@code select}) never loses a message, leaks a permit or leaves a lock held.
 *
 * <h2>From ordinary threads</h2>
 * The {@code blocking*} methods ({@link dev.jawait.sync.Sender#blockingSend},
 * {@link dev.jawait.sync.Receiver#blockingRecv}, {@link dev.jawait.sync.Mutex#blockingLock},
 * {@link dev.jawait.sync.Semaphore#blockingAcquire}, ...) let plain threads take part: they park
 * the calling thread (no spinning) and answer an interrupt by withdrawing and throwing
 * {@link java.lang.InterruptedException}. Do not call them on a runtime worker thread, which
 * would stop it running other tasks.
 *
 * <h2>Cost</h2>
 * The uncontended paths of Mutex, RwLock and Semaphore are one CAS on a state word, without a
 * lock; a waiting future is its own queue node. A bounded channel's {@code trySend} and
 * {@code tryRecv} allocate nothing. Wakers are always called after internal locks are released.
 */
package dev.jawait.sync;
