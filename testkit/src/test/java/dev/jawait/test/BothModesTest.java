package dev.jawait.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link BothModes}: passes when the state machine and the template agree, catches a divergence. */
class BothModesTest {
    @Test
    void aCorrectTemplateAgreesWithItsStateMachine() throws Throwable {
        int sum = BothModes.assertSameOutcome(log -> ScenariosAsync.sumWithLog(log, 10),
                log -> Scenarios.sumWithLog(log, 10));
        assertEquals(55, sum);
    }

    @AsyncTest(flavor = Flavor.MULTI_THREAD)
    void theSameExceptionBothWaysIsRethrown(AsyncRuntime rt) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BothModes.assertSameOutcome(rt,
                log -> ScenariosAsync.sumWithLog(log, 50), log -> Scenarios.sumWithLog(log, 50)));
        assertEquals("too big: 1275", e.getMessage());
    }

    @AsyncTest(flavor = Flavor.MULTI_THREAD)
    void aTemplateThatReadsItsThreadIsCaught(AsyncRuntime rt) {
        // On a multi-thread runtime the state machine runs on a worker, the template on this thread.
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> BothModes.assertSameOutcome(rt, log -> rt.spawn(ScenariosAsync.whoRuns(log)), Scenarios::whoRuns));
        assertTrue(e.getMessage().startsWith("the async and blocking runs differ in their events"), e.getMessage());
    }

    @Test
    void differentResultsAreCaught() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> BothModes.assertSameOutcome(log -> ScenariosAsync.sumWithLog(log, 3), log -> 7));
        assertTrue(e.getMessage().startsWith("the async and blocking runs differ in their result"), e.getMessage());
    }
}
