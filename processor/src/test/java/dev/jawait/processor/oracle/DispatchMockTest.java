package dev.jawait.processor.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import dev.jawait.Future;
import dev.jawait.processor.testing.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Mockito mock of an interface with {@code @Async} methods, awaited from a template through the
 * interface's companion: the mock's class is a plain override of every method, so the companion
 * calls the stub (on the first poll) and the stubbed value — or exception — is what the template
 * gets, directly and on both runtimes, and Mockito records each call.
 *
 * <pre>{@code
 * mvn -o -pl processor -am test -Dtest=DispatchMockTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DispatchMockTest {
    private static final RuntimePool POOL = new RuntimePool();

    private static final Compiled COMPILED = compile();

    private static Compiled compile() {
        List<String> sources = new ArrayList<>(List.of(DispatchOracleTest.SHAPES));
        sources.addAll(List.of("dispatch.Reports", """
                package dispatch;
                import static dev.jawait.Await.await;
                import dev.jawait.Async;

                public class Reports {
                    @Async public static String report(Shape shape) {
                        int area = await(ShapeAsync.area(shape));
                        String text = await(ShapeAsync.describe(shape));
                        return "area=" + area + ", " + text;
                    }
                }
                """));
        return Compiled.ok(sources.toArray(new String[0]));
    }

    @AfterAll
    static void release() {
        POOL.close();
    }

    @Test
    void aMockAwaitedFromATemplateGivesTheStubbedValueAndRecordsTheCall() throws Throwable {
        Class<?> shapeType = COMPILED.load("dispatch.Shape");
        Object shape = mock(shapeType);
        when(call(shape, "area")).thenReturn(42);
        when(call(shape, "describe")).thenReturn("stubbed");

        assertEquals("area=42, stubbed", direct(shape), "the template run directly");
        for (OracleRuntime.Flavor flavor : OracleRuntime.Flavor.values()) {
            assertEquals("area=42, stubbed", POOL.get(flavor).blockOn(companion(shape)), "on " + flavor);
        }
        call(verify(shape, times(3)), "area");
        call(verify(shape, times(3)), "describe");
        verifyNoMoreInteractions(shape);
    }

    @Test
    void aStubbedExceptionFailsTheAwait() throws Throwable {
        Object shape = mock(COMPILED.load("dispatch.Shape"));
        when(call(shape, "area")).thenThrow(new IllegalStateException("boom"));

        assertEquals("boom", assertThrows(IllegalStateException.class, () -> direct(shape)).getMessage());
        for (OracleRuntime.Flavor flavor : OracleRuntime.Flavor.values()) {
            Future<?> future = companion(shape);
            assertEquals("boom", assertThrows(IllegalStateException.class, () -> POOL.get(flavor).blockOn(future))
                    .getMessage(), "on " + flavor);
        }
        call(verify(shape, times(3)), "area");
        verifyNoMoreInteractions(shape);   // describe was never reached
    }

    @Test
    void creatingTheFutureDoesNotCallTheMock() throws Throwable {
        Object shape = mock(COMPILED.load("dispatch.Shape"));
        Future<?> area = (Future<?>) COMPILED.call("dispatch.ShapeAsync", "area", shape);
        verifyNoMoreInteractions(shape);   // lazy, like the state machine of an @Async override
        assertEquals(0, Compiled.<Integer>run(area));
        call(verify(shape), "area");
    }

    private static Object direct(Object shape) throws Throwable {
        Method report = COMPILED.load("dispatch.Reports").getMethod("report", COMPILED.load("dispatch.Shape"));
        try {
            return report.invoke(null, shape);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Future<?> companion(Object shape) throws Throwable {
        return (Future<?>) COMPILED.call("dispatch.ReportsAsync", "report", shape);
    }

    /** {@code target.name()} by reflection: the types exist only in the compiled sources. */
    private static Object call(Object target, String name) throws Throwable {
        try {
            return COMPILED.load("dispatch.Shape").getMethod(name).invoke(target);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
