package dev.jawait.samples.repository;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.runtime.AsyncRuntime;
import java.time.Duration;
import java.util.List;

/**
 * Async operations declared on an interface: a service that only knows {@link UserRepository}
 * renames a user and reads users back, first straight from the in-memory store, then through the
 * caching decorator; the companion {@code UserRepositoryAsync} runs whichever implementation it
 * is given.
 *
 * <pre>{@code
 * java -cp ... dev.jawait.samples.repository.RepositoryDemo
 * // store: [User[id=1, name=ada lovelace], User[id=2, name=grace]] (6 lookups)
 * // cached: [User[id=1, name=ada lovelace], User[id=2, name=grace]] (5 lookups)
 * }</pre>
 */
public final class RepositoryDemo {
    private RepositoryDemo() {}

    /** Seeds two users, reads ids 1 to 3, renames the first user and reads them again. */
    @Async
    static List<User> renameAndRead(UserRepository users, String newName) {
        await(UserRepositoryAsync.save(users, new User(1, "ada")));
        await(UserRepositoryAsync.save(users, new User(2, "grace")));
        await(UserRepositoryAsync.findAll(users, List.of(1L, 2L, 3L)));   // warms a cache, if there is one
        await(UserRepositoryAsync.save(users, new User(1, newName)));
        return await(UserRepositoryAsync.findAll(users, List.of(1L, 2L, 3L)));
    }

    public static void main(String[] args) {
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread()) {
            InMemoryUserRepository store = new InMemoryUserRepository(Duration.ofMillis(2));
            List<User> direct = runtime.blockOn(RepositoryDemoAsync.renameAndRead(store, "ada lovelace"));
            System.out.println("store: " + direct + " (" + store.lookups() + " lookups)");

            InMemoryUserRepository behindCache = new InMemoryUserRepository(Duration.ofMillis(2));
            UserRepository cached = new CachingUserRepository(behindCache);
            List<User> viaCache = runtime.blockOn(RepositoryDemoAsync.renameAndRead(cached, "ada lovelace"));
            System.out.println("cached: " + viaCache + " (" + behindCache.lookups() + " lookups)");
        }
    }
}
