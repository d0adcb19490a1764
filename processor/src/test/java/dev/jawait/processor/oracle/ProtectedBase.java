package dev.jawait.processor.oracle;

import java.util.List;

/**
 * A superclass in another package than the oracle templates, so that a template's
 * {@code super.m(...)} reaches a protected method across packages.
 *
 * <pre>{@code
 * public class SuperCalls extends ProtectedBase<String> {
 *     @Async String shape() { return super.tag(await(Src.s("x"))); }
 * }
 * }</pre>
 */
public class ProtectedBase<T> {
    protected String tag(String s) {
        return Log.add("base tag " + s);
    }

    protected T first(List<T> items) {
        return items.get(0);
    }
}
