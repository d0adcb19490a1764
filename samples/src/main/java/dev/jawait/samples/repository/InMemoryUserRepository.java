package dev.jawait.samples.repository;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link UserRepository} in a map, with a simulated storage latency on every access (a timer,
 * so no worker thread waits), counting the lookups it serves.
 *
 * <pre>{@code
 * InMemoryUserRepository store = new InMemoryUserRepository(Duration.ofMillis(5));
 * await(UserRepositoryAsync.save(store, new User(1, "ada")));
 * }</pre>
 */
public class InMemoryUserRepository implements UserRepository {
    private final Map<Long, User> users = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final Duration latency;

    public InMemoryUserRepository(Duration latency) {
        this.latency = latency;
    }

    @Async
    @Override
    public Optional<User> find(long id) {
        lookups.incrementAndGet();
        await(Time.sleep(latency));
        return Optional.ofNullable(users.get(id));
    }

    @Async
    @Override
    public void save(User user) {
        await(Time.sleep(latency));
        users.put(user.id(), user);
    }

    /** How many {@link #find} calls reached the store. */
    public int lookups() {
        return lookups.get();
    }
}
