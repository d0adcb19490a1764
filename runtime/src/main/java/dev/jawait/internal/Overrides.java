package dev.jawait.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the method that {@code self.m(...)} runs for a receiver of a given class, by the JVM's
 * selection rules (JVMS 5.4.6) for {@code m}'s erased signature — the nearest declaration in the
 * superclass chain that can override {@code m}, else the one maximally specific default method of
 * the superinterfaces — and then, when that is a bridge, the source-level override the bridge
 * forwards to ({@code Repo<T, ID>.find(ID)} implemented by {@code UserRepo.find(Long)}: the bridge
 * {@code find(Object)} is selected, the real override is {@code find(Long)}).
 *
 * <pre>{@code
 * Method base = Repo.class.getDeclaredMethod("find", Object.class);
 * Method real = Overrides.select(UserRepo.class, base);   // UserRepo.find(Long)
 * }</pre>
 *
 * <p>Reflection, so only for resolving once per receiver class (see {@link DispatchSite}); returns
 * {@code null} when the JVM would fail the call (no or several candidates): the caller then makes
 * the ordinary virtual call, which fails exactly as Java would.
 */
final class Overrides {
    private static final int MAX_TYPE_DEPTH = 32;

    private Overrides() {}

    /** The method {@code receiver} runs for {@code base}: an override, {@code base} itself, or null (AbstractMethodError and the like). */
    static Method select(Class<?> receiver, Method base) {
        Method selected = selectErased(receiver, base, base.getParameterTypes());
        if (selected != null && selected.isBridge()) {
            selected = bridgeTarget(receiver, base, selected);
        }
        return selected == null || Modifier.isAbstract(selected.getModifiers()) ? null : selected;
    }

    /** JVMS 5.4.6 selection of {@code base.getName()} with {@code params}, preferring non-bridges. */
    private static Method selectErased(Class<?> receiver, Method base, Class<?>[] params) {
        for (Class<?> k = receiver; k != null; k = k.getSuperclass()) {
            Method m = declared(k, base.getName(), params);
            if (m != null && canOverride(m, base)) {
                return m;
            }
        }
        return maximallySpecificDefault(receiver, base.getName(), params);
    }

    /** An instance method of {@code k} with this name and these parameters (a non-bridge first). */
    private static Method declared(Class<?> k, String name, Class<?>[] params) {
        Method bridge = null;
        for (Method m : k.getDeclaredMethods()) {
            int mods = m.getModifiers();
            if (!m.getName().equals(name) || Modifier.isStatic(mods) || Modifier.isPrivate(mods)
                    || !Arrays.equals(m.getParameterTypes(), params)) {
                continue;
            }
            if (!m.isBridge()) {
                return m;   // a covariant override comes with a bridge of the same parameters
            }
            bridge = m;
        }
        return bridge;
    }

    /** JVMS 5.4.5, without the transitive case: package-private methods are overridden in their runtime package only. */
    private static boolean canOverride(Method m, Method base) {
        int mods = base.getModifiers();
        if (m.equals(base) || Modifier.isPublic(mods) || Modifier.isProtected(mods)) {
            return true;
        }
        Class<?> a = m.getDeclaringClass();
        Class<?> b = base.getDeclaringClass();
        return a.getClassLoader() == b.getClassLoader() && a.getPackageName().equals(b.getPackageName());
    }

    /** The one non-abstract maximally specific superinterface method, or null (none, or a conflict). */
    private static Method maximallySpecificDefault(Class<?> receiver, String name, Class<?>[] params) {
        List<Method> candidates = new ArrayList<>();
        for (Class<?> i : superinterfaces(receiver)) {
            Method m = declared(i, name, params);
            if (m != null) {
                candidates.add(m);
            }
        }
        List<Method> maximal = new ArrayList<>();
        for (Method m : candidates) {
            boolean shadowed = false;
            for (Method other : candidates) {
                shadowed |= other != m && m.getDeclaringClass() != other.getDeclaringClass()
                        && m.getDeclaringClass().isAssignableFrom(other.getDeclaringClass());
            }
            if (!shadowed) {
                maximal.add(m);
            }
        }
        Method chosen = null;
        for (Method m : maximal) {
            if (!Modifier.isAbstract(m.getModifiers())) {
                if (chosen != null) {
                    return null;   // IncompatibleClassChangeError in the JVM
                }
                chosen = m;
            }
        }
        return chosen;
    }

    private static Set<Class<?>> superinterfaces(Class<?> receiver) {
        Set<Class<?>> out = new LinkedHashSet<>();
        List<Class<?>> work = new ArrayList<>();
        for (Class<?> k = receiver; k != null; k = k.getSuperclass()) {
            work.addAll(Arrays.asList(k.getInterfaces()));
        }
        if (receiver.isInterface()) {
            work.add(receiver);
        }
        while (!work.isEmpty()) {
            Class<?> i = work.remove(work.size() - 1);
            if (out.add(i)) {
                work.addAll(Arrays.asList(i.getInterfaces()));
            }
        }
        return out;
    }

    /**
     * The method a selected bridge forwards to. First by the types: {@code base}'s generic
     * parameters as {@code receiver} instantiates them ({@code ID} of {@code Repo<User, Long>} is
     * {@code Long}), erased, selected again. Else (a bridge to an inherited generic method) the one
     * non-bridge method of the nearest class with the same name and related parameter types.
     */
    private static Method bridgeTarget(Class<?> receiver, Method base, Method bridge) {
        Class<?>[] instantiated = instantiatedParameters(receiver, base);
        if (instantiated != null && !Arrays.equals(instantiated, base.getParameterTypes())) {
            Method real = selectErased(receiver, base, instantiated);
            if (real != null && !real.isBridge()) {
                return real;
            }
        }
        for (Class<?> k = bridge.getDeclaringClass(); k != null; k = k.getSuperclass()) {
            Method found = null;
            for (Method m : k.getDeclaredMethods()) {
                if (m.isBridge() || m.equals(bridge) || !related(m, bridge)) {
                    continue;
                }
                if (found != null) {
                    return null;   // overloads the types cannot tell apart
                }
                found = m;
            }
            if (found != null) {
                Method real = selectErased(receiver, found, found.getParameterTypes());
                return real == null || real.isBridge() ? null : real;
            }
        }
        return null;
    }

    private static boolean related(Method m, Method bridge) {
        int mods = m.getModifiers();
        if (!m.getName().equals(bridge.getName()) || Modifier.isStatic(mods) || Modifier.isPrivate(mods)
                || m.getParameterCount() != bridge.getParameterCount()) {
            return false;
        }
        Class<?>[] a = m.getParameterTypes();
        Class<?>[] b = bridge.getParameterTypes();
        for (int i = 0; i < a.length; i++) {
            if (!a[i].isAssignableFrom(b[i]) && !b[i].isAssignableFrom(a[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code base}'s parameter types with the type arguments {@code receiver} gives its class, erased. */
    static Class<?>[] instantiatedParameters(Class<?> receiver, Method base) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (!bind(receiver, base.getDeclaringClass(), bindings, 0)) {
            return null;
        }
        Type[] generic = base.getGenericParameterTypes();
        if (generic.length != base.getParameterCount()) {
            return null;   // a synthetic parameter the generic signature leaves out
        }
        Class<?>[] out = new Class<?>[generic.length];
        for (int i = 0; i < generic.length; i++) {
            out[i] = erase(generic[i], bindings, 0);
        }
        return out;
    }

    /** Records the type arguments on the way from {@code k} up to {@code target}; whether it got there. */
    private static boolean bind(Class<?> k, Class<?> target, Map<TypeVariable<?>, Type> bindings, int depth) {
        if (k == target) {
            return true;
        }
        if (depth > MAX_TYPE_DEPTH) {
            return false;
        }
        List<Type> supers = new ArrayList<>(Arrays.asList(k.getGenericInterfaces()));
        if (k.getGenericSuperclass() != null) {
            supers.add(0, k.getGenericSuperclass());
        }
        for (Type s : supers) {
            Class<?> raw = raw(s);
            if (raw == null || !target.isAssignableFrom(raw)) {
                continue;
            }
            if (s instanceof ParameterizedType) {
                Type[] args = ((ParameterizedType) s).getActualTypeArguments();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                for (int i = 0; i < vars.length && i < args.length; i++) {
                    bindings.put(vars[i], args[i]);
                }
            }
            if (bind(raw, target, bindings, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return raw(((ParameterizedType) t).getRawType());
        }
        return null;
    }

    private static Class<?> erase(Type t, Map<TypeVariable<?>, Type> bindings, int depth) {
        if (depth > MAX_TYPE_DEPTH) {
            return Object.class;
        }
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return raw(t);
        }
        if (t instanceof GenericArrayType) {
            Class<?> component = erase(((GenericArrayType) t).getGenericComponentType(), bindings, depth + 1);
            return java.lang.reflect.Array.newInstance(component, 0).getClass();
        }
        if (t instanceof TypeVariable) {
            Type bound = bindings.get(t);
            return erase(bound != null ? bound : ((TypeVariable<?>) t).getBounds()[0], bindings, depth + 1);
        }
        if (t instanceof WildcardType) {
            return erase(((WildcardType) t).getUpperBounds()[0], bindings, depth + 1);
        }
        return Object.class;
    }
}
