package dev.jawait.internal;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The generated companions ({@code p.XAsync}, {@code p.Outer_InnerAsync}) that registered their own
 * {@link MethodHandles.Lookup} when their class was initialized, so that a dispatcher in another
 * companion can run their templates' state machines: a template's non-virtual entry
 * ({@code XAsync.m_super}) may be package-private, and the companion's own lookup reaches it in a
 * named module too, with no {@code opens}. Keyed by class through a {@link ClassValue}: nothing
 * here keeps a class loader alive.
 *
 * <pre>{@code
 * static { VirtualDispatch.register(MethodHandles.lookup()); }      // in every companion
 * MethodHandles.Lookup l = Companions.lookupOf(UserRepo.class);     // UserRepoAsync's, or null
 * }</pre>
 */
final class Companions {
    private static final ClassValue<AtomicReference<MethodHandles.Lookup>> REGISTERED = new ClassValue<>() {
        @Override
        protected AtomicReference<MethodHandles.Lookup> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    private Companions() {}

    /** Called by a companion's static initializer with its own lookup. */
    static void register(MethodHandles.Lookup companion) {
        if ((companion.lookupModes() & MethodHandles.Lookup.PRIVATE) == 0) {
            throw new IllegalArgumentException("a companion registers its own MethodHandles.lookup(), not " + companion);
        }
        REGISTERED.get(companion.lookupClass()).set(companion);
    }

    /**
     * The registered lookup of the companion of {@code owner} (loaded and initialized through
     * {@code owner}'s class loader), or {@code null} when {@code owner} has no jawait companion.
     */
    static MethodHandles.Lookup lookupOf(Class<?> owner) {
        String name = companionName(owner);
        if (name == null) {
            return null;
        }
        Class<?> companion;
        try {
            companion = Class.forName(name, true, owner.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        return REGISTERED.get(companion).get();
    }

    /** {@code p.Outer_InnerAsync} for {@code p.Outer.Inner} (docs/ARCHITECTURE.md); null for local, anonymous and hidden classes. */
    static String companionName(Class<?> owner) {
        if (owner.isAnonymousClass() || owner.isLocalClass() || owner.isHidden() || owner.isArray()
                || owner.isPrimitive()) {
            return null;
        }
        StringBuilder simple = new StringBuilder(owner.getSimpleName());
        for (Class<?> c = owner.getDeclaringClass(); c != null; c = c.getDeclaringClass()) {
            simple.insert(0, c.getSimpleName() + "_");
        }
        String pkg = owner.getPackageName();
        return (pkg.isEmpty() ? "" : pkg + ".") + simple + "Async";
    }
}
