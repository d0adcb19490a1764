package dev.jawait.processor.toolchain;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * A {@link ProcessingEnvironment} wrapped the way IntelliJ IDEA's build wraps javac's: a
 * {@link Proxy} whose anonymous handler captured the environment it delegates to (a synthetic
 * field {@code val$delegateTo}, the name Lombok looks for).
 *
 * <pre>{@code
 * ProcessingEnvironment seenByProcessors = IntellijProxy.wrap(javacEnvironment);
 * }</pre>
 */
final class IntellijProxy {
    private IntellijProxy() {}

    static ProcessingEnvironment wrap(ProcessingEnvironment delegateTo) {
        return (ProcessingEnvironment) Proxy.newProxyInstance(IntellijProxy.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, new InvocationHandler() {
                    @Override
                    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                        try {
                            return method.invoke(delegateTo, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }
}
