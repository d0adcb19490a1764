package dev.jawait.test;

import dev.jawait.runtime.AsyncRuntime;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs an {@link AsyncTest}: builds the test's runtime, passes it to an {@code AsyncRuntime}
 * parameter, enforces the timeout (interrupting the test thread, whose {@code blockOn} then
 * cancels what it waits for) and closes the runtime afterwards.
 *
 * <pre>{@code
 * @ExtendWith(AsyncTestExtension.class)   // what @AsyncTest does for you
 * }</pre>
 */
public final class AsyncTestExtension implements ParameterResolver, InvocationInterceptor, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AsyncTestExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AsyncRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return runtime(context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        AsyncTest settings = settings(context);
        AsyncRuntime rt = runtime(context);
        Thread testThread = Thread.currentThread();
        AtomicReference<String> dumpAtTimeout = new AtomicReference<>();
        Object lock = new Object();
        boolean[] finished = {false};
        Thread watchdog = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
            synchronized (lock) {
                while (!finished[0]) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        dumpAtTimeout.set(rt.dumpTasks());
                        testThread.interrupt();
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "jawait-test-timeout");
        watchdog.setDaemon(true);
        watchdog.start();
        Throwable failure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        } finally {
            synchronized (lock) {
                finished[0] = true;
                lock.notifyAll();
            }
            watchdog.join();
        }
        String dump = dumpAtTimeout.get();
        if (dump != null) {
            Thread.interrupted(); // the interrupt was ours
            AssertionFailedError timedOut = new AssertionFailedError(context.getDisplayName() + " timed out after "
                    + settings.timeoutMillis() + " ms; the runtime's tasks then:\n" + dump);
            if (failure != null) {
                timedOut.addSuppressed(failure);
            }
            throw timedOut;
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        AsyncRuntime rt = context.getStore(NAMESPACE).remove(AsyncRuntime.class, AsyncRuntime.class);
        if (rt != null) {
            rt.close();
        }
    }

    private static AsyncRuntime runtime(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(AsyncRuntime.class, k -> build(settings(context)),
                AsyncRuntime.class);
    }

    private static AsyncRuntime build(AsyncTest settings) {
        if (settings.workers() < 1) {
            throw new ParameterResolutionException("@AsyncTest(workers = " + settings.workers() + "): need at least 1");
        }
        AsyncRuntime.Builder b = AsyncRuntime.builder().startPaused(settings.startPaused()).threadNamePrefix("jawait-test");
        return (settings.flavor() == Flavor.CURRENT_THREAD ? b.currentThread() : b.workerThreads(settings.workers())).build();
    }

    private static AsyncTest settings(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, AsyncTest.class))
                .orElseThrow(() -> new ParameterResolutionException(
                        "AsyncTestExtension serves methods annotated @AsyncTest; " + context.getDisplayName() + " is not"));
    }
}
