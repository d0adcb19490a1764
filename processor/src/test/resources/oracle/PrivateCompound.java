package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Src;

/**
 * {@code p op= e} on a private field where {@code e} changes {@code p} without awaiting: Java
 * reads {@code p} before it evaluates {@code e} (JLS 15.26.2). Found by the fuzz test
 * ({@code await(Src.v(bx)).pI ^= (bx.pI++)}: Java 0, the companion read 7).
 */
public class PrivateCompound {
    private int pI = 6;
    private long pL = 3;
    private String pS = "a";
    private static int sP = 5;

    @Async
    String shapeRightSideChangesTheField() {
        pI = 6;
        int before = await(Src.i(1));
        pI ^= (pI++);
        this.pL *= (this.pL = 10);
        pS += (pS = "b");
        return before + " " + pI + " " + pL + " " + pS;
    }

    @Async
    String shapeAwaitedReceiverRightSideChangesTheField() {
        pI = 6;
        await(Src.v(this)).pI ^= (this.pI++);
        await(Src.v(this)).pS += (this.pS = "c") + await(Src.s("d"));
        return pI + " " + pS;
    }

    @Async
    static int shapeStaticFieldChangedByTheRightSide() {
        sP = 5;
        int k = await(Src.i(2));
        sP += (sP = 100) + k;
        return sP;
    }
}
