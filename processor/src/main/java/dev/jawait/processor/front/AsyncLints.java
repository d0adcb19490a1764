package dev.jawait.processor.front;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Runs the enabled {@link Lint}s over a template's own code (lambdas and classes of the body may
 * run elsewhere: {@code Task.spawnBlocking(() -> Thread.sleep(10))} is the cure, not the
 * disease). Each finding is a warning at the offending position:
 * <ul>
 * <li>{@code blocking}: a call that {@link BlockingCalls blocks} the worker thread;</li>
 * <li>{@code lock}: an await between {@code l.lock()} and the next {@code l.unlock()} of a
 *     {@code java.util.concurrent.locks.Lock}: other tasks of the worker may block on the lock, and
 *     the task may resume on another thread, where {@code unlock()} fails;</li>
 * <li>{@code cancellation}: the first catch clause of a try around an await that catches
 *     {@code CancellationException} (it or a supertype: {@code Exception}, {@code Throwable},
 *     {@code RuntimeException}, {@code IllegalStateException}) with no {@code throw} in it: the
 *     cancelled task goes on.</li>
 * </ul>
 *
 * <pre>{@code
 * AsyncLints lints = new AsyncLints(env, Lint.parse(options.get(Lint.OPTION), unknown -> ...));
 * lints.check(template, sites, problems);
 * }</pre>
 */
public final class AsyncLints {
    private final Set<Lint> enabled;
    private final Types types;
    private final BlockingCalls blockingCalls;
    private final TypeMirror lockType;
    private final TypeMirror cancellation;

    /**
     * The lints in {@code enabled}, with the JDK types they look for resolved in {@code env}.
     *
     * @param env the processing environment, for its types and elements
     * @param enabled the lints to run (empty: {@link #check} does nothing)
     */
    public AsyncLints(ProcessingEnvironment env, Set<Lint> enabled) {
        this.enabled = enabled;
        this.types = env.getTypeUtils();
        this.blockingCalls = new BlockingCalls(env);
        this.lockType = erasure(env, "java.util.concurrent.locks.Lock");
        this.cancellation = erasure(env, "java.util.concurrent.CancellationException");
    }

    private TypeMirror erasure(ProcessingEnvironment env, String name) {
        TypeElement e = env.getElementUtils().getTypeElement(name);
        return e == null ? null : types.erasure(e.asType());
    }

    /**
     * Adds the warnings of the enabled lints for {@code t}, whose awaits are {@code sites}.
     *
     * @param t the template, attributed
     * @param sites its awaits, as the validation found them
     * @param problems where the warnings go
     */
    public void check(Template t, AwaitSites sites, Problems problems) {
        if (enabled.isEmpty() || t.tree.getBody() == null) {
            return;
        }
        Walk walk = new Walk(t, sites, problems);
        walk.scan(t.tree.getBody(), null);
        if (enabled.contains(Lint.LOCK)) {
            walk.locksAcrossAwaits();
        }
    }

    private static String warning(Lint lint, String message) {
        return "[" + lint.option + "] " + message;
    }

    /** A {@code lock()} or {@code unlock()} call, and which lock (an element, or the receiver's source). */
    private static final class LockCall {
        final Object lock;
        final String name;
        final long position;

        LockCall(Object lock, String name, long position) {
            this.lock = lock;
            this.name = name;
            this.position = position;
        }
    }

    /** One walk over the template's own code, in source order. */
    private final class Walk extends TreeScanner<Void, Void> {
        private final Template t;
        private final AwaitSites sites;
        private final Problems problems;
        private final List<LockCall> locks = new ArrayList<>();
        private final List<LockCall> unlocks = new ArrayList<>();
        private final List<Tree> awaits = new ArrayList<>();

        Walk(Template t, AwaitSites sites, Problems problems) {
            this.t = t;
            this.sites = sites;
            this.problems = problems;
        }

        private long position(Tree tree) {
            return t.trees.getSourcePositions().getStartPosition(t.unit, tree);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            return null;   // may run on another thread, later or never
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            Element e = sites.isAwait(node) ? null : t.elementOf(node);
            if (sites.isAwait(node)) {
                awaits.add(node);
            } else if (e instanceof ExecutableElement) {
                ExecutableElement m = (ExecutableElement) e;
                if (enabled.contains(Lint.BLOCKING)) {
                    blocking(node, m);
                }
                if (enabled.contains(Lint.LOCK)) {
                    lockCall(node, m);
                }
            }
            return super.visitMethodInvocation(node, unused);
        }

        private void blocking(MethodInvocationTree call, ExecutableElement m) {
            String advice = blockingCalls.advice(t, call, m);
            if (advice != null) {
                String owner = m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName();
                problems.warning(call, warning(Lint.BLOCKING, owner + " blocks the runtime's worker thread, which"
                        + " runs no other task until it returns; in an @Async method " + advice));
            }
        }

        private void lockCall(MethodInvocationTree call, ExecutableElement m) {
            String name = m.getSimpleName().toString();
            boolean locks = name.equals("lock") || name.equals("lockInterruptibly");
            if (lockType == null || !(locks || name.equals("unlock")) || !m.getParameters().isEmpty()
                    || !(call.getMethodSelect() instanceof MemberSelectTree)
                    || !types.isSubtype(types.erasure(m.getEnclosingElement().asType()), lockType)) {
                return;
            }
            ExpressionTree receiver = ((MemberSelectTree) call.getMethodSelect()).getExpression();
            Element e = receiver instanceof IdentifierTree || receiver instanceof MemberSelectTree
                    ? t.elementOf(receiver) : null;
            Object lock = e instanceof VariableElement ? e : t.sourceOf(receiver);
            if (lock != null) {
                (locks ? this.locks : unlocks).add(new LockCall(lock, String.valueOf(t.sourceOf(receiver)),
                        position(call)));
            }
        }

        /** For each lock(), the first await before the next unlock() of the same lock. */
        void locksAcrossAwaits() {
            for (LockCall l : locks) {
                long released = -1;
                for (LockCall u : unlocks) {
                    if (u.lock.equals(l.lock) && u.position > l.position) {
                        released = u.position;
                        break;
                    }
                }
                for (Tree await : awaits) {
                    long at = position(await);
                    if (released > 0 && at > l.position && at < released) {
                        long line = t.unit.getLineMap().getLineNumber(l.position);
                        problems.warning(await, warning(Lint.LOCK, "the lock " + l.name + " (locked at line " + line
                                + ") is held across this await: other tasks of this worker thread may block on it,"
                                + " and the task may resume on another thread, whose unlock() then fails; use"
                                + " dev.jawait.sync.Mutex and await its lock()"));
                        break;
                    }
                }
            }
        }

        @Override
        public Void visitTry(TryTree node, Void unused) {
            if (enabled.contains(Lint.CANCELLATION)
                    && (sites.contains(node.getBlock()) || sites.containsAny(node.getResources()))) {
                for (CatchTree c : node.getCatches()) {
                    TypeMirror caught = caughtSupertypeOfCancellation(c);
                    if (caught != null) {
                        if (!hasThrow(c.getBlock())) {
                            problems.warning(c, warning(Lint.CANCELLATION, "this catch of "
                                    + types.asElement(caught).getSimpleName() + " around an await also catches the"
                                    + " CancellationException that cancels the task (JoinHandle.abort, a lost select)"
                                    + " and does not rethrow it, so the cancelled task goes on; rethrow it, or put"
                                    + " catch (CancellationException e) { throw e; } first"));
                        }
                        break;   // the catches after it never see a CancellationException
                    }
                }
            }
            return super.visitTry(node, unused);
        }

        /** The caught type that a CancellationException is an instance of, or {@code null}. */
        private TypeMirror caughtSupertypeOfCancellation(CatchTree c) {
            if (cancellation == null) {
                return null;
            }
            Tree type = c.getParameter().getType();
            List<? extends Tree> alternatives = type instanceof UnionTypeTree
                    ? ((UnionTypeTree) type).getTypeAlternatives() : List.of(type);
            for (Tree alternative : alternatives) {
                TypeMirror caught = t.typeOf(alternative);
                if (caught != null && types.isSubtype(cancellation, types.erasure(caught))) {
                    return caught;
                }
            }
            return null;
        }

        /** Whether {@code block} throws (rethrows, wraps, or lets a cancellation through) anywhere in its own code. */
        private boolean hasThrow(Tree block) {
            boolean[] found = new boolean[1];
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitThrow(ThrowTree node, Void unused) {
                    found[0] = true;
                    return null;
                }

                @Override
                public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
                    return null;
                }

                @Override
                public Void visitClass(ClassTree node, Void unused) {
                    return null;
                }
            }.scan(block, null);
            return found[0];
        }
    }
}
