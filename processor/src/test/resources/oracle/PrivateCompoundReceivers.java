package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/**
 * {@code r.p op= e} on a private field {@code p} where the receiver {@code r} has side effects
 * (evaluated once) and {@code e} changes {@code p}: Java evaluates {@code r}, reads (and unboxes)
 * {@code p}, then evaluates {@code e}, then stores (JLS 15.26.2). Found by the fuzz test
 * ({@code rb("k").pZ |= (bx.pZ ^= true)}).
 */
public class PrivateCompoundReceivers {
    private int pI = 10;
    private long pL = 3;
    private String pS = "a";
    private boolean pZ = true;
    private byte pB = 100;
    private Integer pBoxed = 7;
    private Short pShort = 7;
    private Integer pNull = null;
    private char pC = 'a';

    private PrivateCompoundReceivers next(String tag) {
        Log.add("receiver " + tag);
        return this;
    }

    @Async
    String shapeEveryOperatorRightSideChangesTheField() {
        int before = await(Src.i(1));
        next("i").pI -= (this.pI = 100);
        next("l").pL *= (this.pL = 10);
        next("s").pS += (this.pS = "b");
        next("z").pZ ^= (this.pZ = false);
        next("shift").pI <<= (this.pI = 2) + 1L;
        next("byte").pB += (this.pB = 100);
        next("box").pBoxed += (this.pBoxed = 1000);
        next("char").pC += (this.pC = 1);
        return before + " " + pI + " " + pL + " " + pS + " " + pZ + " " + pB + " " + pBoxed + " " + (int) pC;
    }

    @Async
    String shapeSideEffectingReceiverAwaitInTheRightSide() {
        pI = 10;
        next("i").pI -= (this.pI = 100) + await(Src.i(1));
        next("s").pS += (this.pS = "c") + await(Src.s("d"));
        next("l").pL *= await(Src.l(4)) + (this.pL = 5);
        next("z").pZ |= (this.pZ = false) ^ await(Src.b(true));
        next("box").pBoxed -= (this.pBoxed = 1) + await(Src.i(2));
        return pI + " " + pS + " " + pL + " " + pZ + " " + pBoxed;
    }

    @Async
    String shapeNullBoxedPrivateFieldThrowsBeforeTheRightSide() {
        String out = "";
        try {
            next("a").pNull += Log.i("rhs", 1);
        } catch (NullPointerException e) {
            out += "npe1 ";
        }
        try {
            next("b").pNull += Log.i("rhs", 2) + await(Src.i(3));
        } catch (NullPointerException e) {
            out += "npe2 ";
        }
        try {
            this.pNull *= Log.i("rhs", 4) + await(Src.i(5));
        } catch (NullPointerException e) {
            out += "npe3 ";
        }
        try {
            next("c").pNull++;
        } catch (NullPointerException e) {
            out += "npe4";
        }
        return out;
    }

    @Async
    String shapeBoxedPrivateIncrements() {
        int k = await(Src.i(2));
        next("a").pShort++;
        --next("b").pShort;
        Short s = next("c").pShort--;
        Integer i = ++next("d").pBoxed;
        pC++;
        return k + " " + pShort + " " + s + " " + i + " " + (int) pC;
    }
}
