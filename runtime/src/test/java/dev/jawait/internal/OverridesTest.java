package dev.jawait.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * {@link Overrides#select} against what the JVM runs: for each receiver class, the selected method
 * is compared with the one a real virtual call reaches (each method returns its own name).
 */
class OverridesTest {

    interface Repo<T, ID> {
        String find(ID id);
    }

    static class UserRepo implements Repo<String, Long> {
        @Override
        public String find(Long id) {
            return "UserRepo.find(Long)";
        }

        /** An overload the bridge find(Object) must not be taken for. */
        public String find(String name) {
            return "UserRepo.find(String)";
        }
    }

    static class SubUserRepo extends UserRepo {
    }

    abstract static class AbstractRepo<T> implements Repo<T, Long> {
    }

    static class ItemRepo extends AbstractRepo<Integer> {
        @Override
        public String find(Long id) {
            return "ItemRepo.find(Long)";
        }
    }

    /** Still generic: no bridge, the erasure is find(Object). */
    static class OpenRepo<ID> implements Repo<String, ID> {
        @Override
        public String find(ID id) {
            return "OpenRepo.find(Object)";
        }
    }

    interface Greeter {
        default String greet() {
            return "Greeter.greet";
        }
    }

    interface Loud extends Greeter {
        @Override
        default String greet() {
            return "Loud.greet";
        }
    }

    interface Other {
        default String greet() {
            return "Other.greet";
        }
    }

    static class Quiet implements Greeter {
    }

    static class Shouter implements Loud, Greeter {
    }

    static class Resolved implements Greeter, Other {
        @Override
        public String greet() {
            return "Resolved.greet";
        }
    }

    static class Base {
        Object make() {
            return "Base.make";
        }
    }

    static class Derived extends Base {
        @Override
        String make() {
            return "Derived.make";
        }
    }

    static class GenericBase<T> {
        public String take(T t) {
            return "GenericBase.take(Object)";
        }
    }

    interface Taker {
        String take(String s);
    }

    /** javac bridges take(String) to the inherited take(Object). */
    static class Inheriting extends GenericBase<String> implements Taker {
    }

    abstract static class Reabstracted extends Base {
        @Override
        abstract Object make();
    }

    @Test
    void bridgesOfGenericInterfacesLeadToTheRealOverride() throws Exception {
        Method find = Repo.class.getMethod("find", Object.class);
        assertSelects(find, new UserRepo(), 1L);
        assertSelects(find, new SubUserRepo(), 1L);
        assertSelects(find, new ItemRepo(), 1L);
        assertSelects(find, new OpenRepo<Long>(), 1L);
        assertEquals(Long.class, Overrides.select(UserRepo.class, find).getParameterTypes()[0]);
    }

    @Test
    void defaultMethodsByMaximalSpecificity() throws Exception {
        Method greet = Greeter.class.getMethod("greet");
        assertSelects(greet, new Quiet());
        assertSelects(greet, new Shouter());
        assertSelects(greet, new Resolved());
    }

    @Test
    void covariantOverridesAndBridgesToInheritedMethods() throws Exception {
        assertSelects(Base.class.getDeclaredMethod("make"), new Derived());
        assertSelects(Base.class.getDeclaredMethod("make"), new Base());
        assertSelects(Taker.class.getMethod("take", String.class), new Inheriting(), "s");
    }

    @Test
    void anAbstractSelectionIsLeftToTheJvm() throws Exception {
        assertNull(Overrides.select(Reabstracted.class, Base.class.getDeclaredMethod("make")));
    }

    @Test
    void typeArgumentsAreFollowedUpTheHierarchy() throws Exception {
        Method find = Repo.class.getMethod("find", Object.class);
        assertEquals(Long.class, Overrides.instantiatedParameters(ItemRepo.class, find)[0]);
        assertEquals(Object.class, Overrides.instantiatedParameters(OpenRepo.class, find)[0]);
    }

    /** The selected method, called on {@code receiver}, answers what the virtual call answers. */
    private static void assertSelects(Method base, Object receiver, Object... args) throws Exception {
        base.setAccessible(true);
        Object expected = base.invoke(receiver, args);
        Method selected = Overrides.select(receiver.getClass(), base);
        selected.setAccessible(true);
        assertEquals(false, selected.isBridge(), selected + " is a bridge");
        assertEquals(expected, selected.invoke(receiver, args), "selected " + selected);
    }
}
