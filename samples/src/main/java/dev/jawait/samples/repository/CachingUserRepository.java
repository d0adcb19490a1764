package dev.jawait.samples.repository;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A decorator that remembers the users it has found: it holds any {@link UserRepository} and
 * reaches it through {@code UserRepositoryAsync}, which runs the delegate's own implementation
 * (its state machine when that is {@code @Async}, a plain call otherwise).
 *
 * <pre>{@code
 * UserRepository users = new CachingUserRepository(store);
 * await(UserRepositoryAsync.find(users, 1));   // the store once
 * await(UserRepositoryAsync.find(users, 1));   // the cache
 * }</pre>
 */
public class CachingUserRepository implements UserRepository {
    private final UserRepository delegate;
    private final Map<Long, User> cache = new ConcurrentHashMap<>();

    public CachingUserRepository(UserRepository delegate) {
        this.delegate = delegate;
    }

    @Async
    @Override
    public Optional<User> find(long id) {
        User cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> found = await(UserRepositoryAsync.find(delegate, id));
        found.ifPresent(u -> cache.put(id, u));
        return found;
    }

    @Async
    @Override
    public void save(User user) {
        cache.remove(user.id());   // before the write: a reader meanwhile goes to the store
        await(UserRepositoryAsync.save(delegate, user));
    }
}
