package dev.jawait.test;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run of code under test did, in order: the code records events, and {@link BothModes}
 * compares the logs of its asynchronous and its blocking run. Thread-safe.
 *
 * <pre>{@code
 * @Async
 * static int transfer(EventLog log, Account from, Account to, int amount) {
 *     log.record("debit " + await(from.debit(amount)));
 *     log.record("credit " + await(to.credit(amount)));
 *     return amount;
 * }
 * }</pre>
 */
public final class EventLog {
    private final List<String> events = new ArrayList<>();

    /**
     * Appends {@code String.valueOf(event)}.
     *
     * @param event the event; {@code null} is recorded as {@code "null"}
     */
    public void record(Object event) {
        synchronized (events) {
            events.add(String.valueOf(event));
        }
    }

    /**
     * The events recorded so far, oldest first.
     *
     * @return a copy of the events
     */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public String toString() {
        return events().toString();
    }
}
