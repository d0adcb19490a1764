package dev.jawait.runtime.driver;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves sockets, pipes, selectors or eventfds open: the descriptors are
 * snapshotted before each test and must be the same after it (after {@code @AfterEach}).
 *
 * <pre>{@code
 * @ExtendWith(FdLeakCheck.class)
 * class MySocketTest { ... }
 * }</pre>
 */
public final class FdLeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FdLeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("fds", Fds.snapshot());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Map<Integer, String> before = context.getStore(NAMESPACE).get("fds", Map.class);
        if (before != null && context.getExecutionException().isEmpty()) {
            Fds.assertBackTo(before);
        }
    }
}
