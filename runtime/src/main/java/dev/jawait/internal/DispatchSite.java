package dev.jawait.internal;

import dev.jawait.Future;
import dev.jawait.TryFuture;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The call site behind one dispatching companion method {@code XAsync.m(X self, P...)}: its
 * target maps {@code self}'s class to what {@code self.m(...)} runs, as a future. Per receiver
 * class it is resolved once by reflection ({@link Overrides}) and kept in a {@link ClassValue};
 * the first {@value #INLINE_CLASSES} classes (of the companion's class loader or its parents,
 * which the site may keep alive) are also linked into the site as a chain of class checks, so a
 * call through the site's {@code static final} invoker compiles to a class compare and a direct
 * call — an inline cache, like the JVM's for a virtual call. Classes beyond those go through the
 * {@code ClassValue}.
 *
 * <p>What a class maps to: {@code X}'s own template ({@code XAsync.m_super}) when the class does not
 * override {@code m}; an {@code @Async} override's non-virtual entry ({@code DAsync.m_super}, found
 * through the lookup {@code DAsync} registered with {@link Companions}); otherwise
 * {@code XAsync.m_plain}, which calls {@code self.m(...)} on the first poll.
 *
 * <pre>{@code
 * MethodHandle find = new DispatchSite(lookup, "find", methodType(TryFuture.class, Repo.class, long.class))
 *         .dynamicInvoker();
 * TryFuture<User, IOException> f = (TryFuture<User, IOException>) find.invokeExact(repo, 7L);
 * }</pre>
 */
final class DispatchSite extends MutableCallSite {
    static final int INLINE_CLASSES = 4;

    private static final MethodHandle IS_CLASS;
    private static final MethodHandle LINK;
    private static final MethodHandle FIND;
    private static final MethodHandle TRY_FUTURE_OF;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            IS_CLASS = lookup.findStatic(DispatchSite.class, "isClass",
                    MethodType.methodType(boolean.class, Class.class, Object.class));
            LINK = lookup.findVirtual(DispatchSite.class, "link", MethodType.methodType(MethodHandle.class, Object.class));
            FIND = lookup.findVirtual(DispatchSite.class, "find", MethodType.methodType(MethodHandle.class, Object.class));
            TRY_FUTURE_OF = lookup.findStatic(TryFuture.class, "of", MethodType.methodType(TryFuture.class, Future.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What one receiver class runs, and whether it may be linked into the site's chain. */
    private record Target(MethodHandle handle, boolean inlinable) {}

    /** The companion's entries, found on the first call (a failure then is a clear error, not a failed class init). */
    private record Entries(Method base, MethodHandle own, MethodHandle plain) {}

    private final MethodHandles.Lookup companion;
    private final String name;
    private final ClassValue<Target> targets = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> receiver) {
            return new Target(resolve(receiver), inlinable(receiver));
        }
    };
    private final MethodHandle linkingTail;
    private final MethodHandle lookupTail;
    private final List<Class<?>> linkedClasses = new ArrayList<>();
    private final List<MethodHandle> linkedTargets = new ArrayList<>();
    private boolean megamorphic;
    private volatile Entries entries;

    DispatchSite(MethodHandles.Lookup companion, String name, MethodType type) {
        super(type);
        if (type.parameterCount() == 0 || type.parameterType(0).isPrimitive()) {
            throw new IllegalArgumentException("a dispatching companion method takes the receiver first: " + type);
        }
        this.companion = companion;
        this.name = name;
        this.linkingTail = invokeChosen(LINK.bindTo(this));
        this.lookupTail = invokeChosen(FIND.bindTo(this));
        setTarget(linkingTail);
    }

    /** {@code (X self, P...) -> chooser(self).invokeExact(self, P...)}. */
    private MethodHandle invokeChosen(MethodHandle chooser) {
        MethodType type = type();
        MethodHandle onReceiver = chooser.asType(MethodType.methodType(MethodHandle.class, type.parameterType(0)));
        MethodHandle onAll = MethodHandles.dropArguments(onReceiver, 1, type.parameterList().subList(1, type.parameterCount()));
        return MethodHandles.foldArguments(MethodHandles.exactInvoker(type), onAll);
    }

    private static boolean isClass(Class<?> expected, Object self) {
        return self.getClass() == expected;
    }

    /** The target for {@code self}'s class, linked into the chain when there is room. */
    private MethodHandle link(Object self) {
        Class<?> receiver = self.getClass();
        Target t = targets.get(receiver);
        if (t.inlinable()) {
            addToChain(receiver, t.handle());
        }
        return t.handle();
    }

    /** The target for {@code self}'s class once the chain is full. */
    private MethodHandle find(Object self) {
        return targets.get(self.getClass()).handle();
    }

    private synchronized void addToChain(Class<?> receiver, MethodHandle target) {
        if (megamorphic || linkedClasses.contains(receiver)) {
            return;
        }
        if (linkedClasses.size() == INLINE_CLASSES) {
            megamorphic = true;   // the chain stays; the rest are looked up without relinking
        } else {
            linkedClasses.add(receiver);
            linkedTargets.add(target);
        }
        MethodType type = type();
        MethodHandle chain = megamorphic ? lookupTail : linkingTail;
        for (int i = linkedClasses.size() - 1; i >= 0; i--) {
            MethodHandle test = MethodHandles.insertArguments(IS_CLASS, 0, linkedClasses.get(i))
                    .asType(MethodType.methodType(boolean.class, type.parameterType(0)));
            test = MethodHandles.dropArguments(test, 1, type.parameterList().subList(1, type.parameterCount()));
            chain = MethodHandles.guardWithTest(test, linkedTargets.get(i), chain);
        }
        setTarget(chain);
    }

    /** Only classes the companion's loader already keeps alive; hidden classes never. */
    private boolean inlinable(Class<?> receiver) {
        if (receiver.isHidden()) {
            return false;
        }
        ClassLoader theirs = receiver.getClassLoader();
        for (ClassLoader l = companion.lookupClass().getClassLoader(); ; l = l.getParent()) {
            if (l == theirs) {
                return true;
            }
            if (l == null) {
                return false;
            }
        }
    }

    private MethodHandle resolve(Class<?> receiver) {
        Entries e = entries();
        Method selected = Overrides.select(receiver, e.base());
        if (selected == null) {
            return e.plain();   // the JVM would fail this call: the plain call fails the same way
        }
        if (selected.equals(e.base())) {
            return e.own() != null ? e.own() : e.plain();
        }
        MethodHandle template = templateOf(selected);
        return template != null ? template : e.plain();
    }

    /** {@code DAsync.m_super} of an {@code @Async} override {@code D.m}, adapted to this site; null for a plain one. */
    private MethodHandle templateOf(Method override) {
        Class<?> owner = override.getDeclaringClass();
        MethodHandles.Lookup theirs = Companions.lookupOf(owner);
        if (theirs == null) {
            return null;
        }
        Class<?>[] params = new Class<?>[override.getParameterCount() + 1];
        params[0] = owner;
        System.arraycopy(override.getParameterTypes(), 0, params, 1, override.getParameterCount());
        for (Method m : theirs.lookupClass().getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getName().equals(name + "_super")
                    && Arrays.equals(m.getParameterTypes(), params)) {
                try {
                    return adapt(theirs.unreflect(m));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot reach " + m + " through its companion's lookup", e);
                }
            }
        }
        return null;
    }

    /** An override's entry as this site's type: its receiver cast, a plain Future viewed as the TryFuture expected. */
    private MethodHandle adapt(MethodHandle entry) {
        MethodType type = type();
        MethodHandle h = entry;
        if (type.returnType() == TryFuture.class && !TryFuture.class.isAssignableFrom(h.type().returnType())) {
            // the override declares fewer checked exceptions, so its machine is a plain Future
            h = MethodHandles.filterReturnValue(h, TRY_FUTURE_OF.asType(
                    MethodType.methodType(TryFuture.class, h.type().returnType())));
        }
        try {
            return h.asType(type);
        } catch (WrongMethodTypeException e) {
            throw new IllegalStateException("the companion entry " + entry + " does not fit " + type, e);
        }
    }

    private Entries entries() {
        Entries e = entries;
        if (e == null) {
            e = findEntries();
            entries = e;
        }
        return e;
    }

    private Entries findEntries() {
        MethodType type = type();
        Class<?> owner = type.parameterType(0);
        Class<?>[] params = type.dropParameterTypes(0, 1).parameterArray();
        Method base = null;
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())
                    && Arrays.equals(m.getParameterTypes(), params) && (base == null || base.isBridge())) {
                base = m;
            }
        }
        Class<?> self = companion.lookupClass();
        if (base == null) {
            throw new IllegalStateException(self.getName() + "." + name + " dispatches " + owner.getName() + "."
                    + name + Arrays.toString(params) + ", which does not exist: recompile both");
        }
        try {
            MethodHandle plain = companion.findStatic(self, name + "_plain", type);
            MethodHandle own;
            try {
                own = companion.findStatic(self, name + "_super", type);
            } catch (NoSuchMethodException abstractMethod) {
                own = null;
            }
            return new Entries(base, own, plain);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(self.getName() + " lacks the entries of " + name + ": recompile it", e);
        }
    }
}
