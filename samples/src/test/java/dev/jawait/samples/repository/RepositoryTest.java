package dev.jawait.samples.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The repository sample: one service, any implementation behind the interface's companion. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RepositoryTest {
    private static final List<User> RENAMED = List.of(new User(1, "ada lovelace"), new User(2, "grace"));

    /** A hand-written implementation without @Async: the companion calls it and wraps its result. */
    static final class PlainUserRepository implements UserRepository {
        final List<String> calls = new ArrayList<>();
        private final List<User> users = new ArrayList<>();

        @Override
        public Optional<User> find(long id) {
            calls.add("find " + id);
            if (id < 0) {
                throw new IllegalArgumentException("negative id " + id);
            }
            return users.stream().filter(u -> u.id() == id).findFirst();
        }

        @Override
        public void save(User user) {
            calls.add("save " + user.id());
            users.removeIf(u -> u.id() == user.id());
            users.add(user);
        }
    }

    @Test
    void theServiceRunsTheStoreDirectlyAndBehindTheCache() {
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures)) {
            InMemoryUserRepository store = new InMemoryUserRepository(Duration.ofMillis(1));
            assertEquals(RENAMED, runtime.blockOn(RepositoryDemoAsync.renameAndRead(store, "ada lovelace")));
            assertEquals(6, store.lookups(), "every find reaches the store");

            InMemoryUserRepository behindCache = new InMemoryUserRepository(Duration.ofMillis(1));
            UserRepository cached = new CachingUserRepository(behindCache);
            assertEquals(RENAMED, runtime.blockOn(RepositoryDemoAsync.renameAndRead(cached, "ada lovelace")));
            assertEquals(5, behindCache.lookups(), "3 misses, then the renamed user and the absent id 3");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aPlainImplementationBehindTheCacheOnTheCurrentThreadRuntime() {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            PlainUserRepository plain = new PlainUserRepository();
            UserRepository cached = new CachingUserRepository(plain);
            assertEquals(RENAMED, runtime.blockOn(RepositoryDemoAsync.renameAndRead(cached, "ada lovelace")));
            assertEquals(List.of("save 1", "save 2", "find 1", "find 2", "find 3", "save 1", "find 1", "find 3"),
                    plain.calls);

            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> runtime.blockOn(UserRepositoryAsync.find(cached, -1)));
            assertEquals("negative id -1", failure.getMessage());
        }
    }

    @Test
    void theTemplatesRunDirectlyAsBlockingMethodsToo() {
        InMemoryUserRepository store = new InMemoryUserRepository(Duration.ofMillis(1));
        assertEquals(RENAMED, RepositoryDemo.renameAndRead(new CachingUserRepository(store), "ada lovelace"));
        assertEquals(5, store.lookups());
    }
}
