package dev.jawait.samples.repository;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A storage port with asynchronous operations, as an application declares it: the processor
 * generates {@code UserRepositoryAsync}, whose methods run whatever implementation the repository
 * object has — {@link InMemoryUserRepository}, the {@link CachingUserRepository} decorator, a
 * plain implementation or a test's mock.
 *
 * <pre>{@code
 * UserRepository users = new CachingUserRepository(new InMemoryUserRepository());
 * Optional<User> ada = await(UserRepositoryAsync.find(users, 1));
 * }</pre>
 */
public interface UserRepository {

    /** The user with this id, if any. */
    @Async
    Optional<User> find(long id);

    /** Stores (or replaces) a user. */
    @Async
    void save(User user);

    /** The users with these ids that exist, in order: one {@link #find} after another. */
    @Async
    default List<User> findAll(List<Long> ids) {
        List<User> found = new ArrayList<>();
        for (long id : ids) {
            await(UserRepositoryAsync.find(this, id)).ifPresent(found::add);
        }
        return found;
    }
}
