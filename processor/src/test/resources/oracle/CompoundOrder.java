package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/**
 * What Java checks before and after the right side of an assignment that awaits (JLS 15.26):
 * {@code b op= e} unboxes a boxed target before {@code e} (a null one throws first), and checks
 * a null array and an index out of bounds before {@code e}; {@code a[i] = e} evaluates {@code e}
 * first and checks the array and the index only when storing.
 */
public class CompoundOrder {
    Integer boxed = null;
    Short small = 3;
    Integer[] boxes = {null, 5};
    int[] cells = {1, 2};
    int[] none = null;

    private int[] array(String tag, int[] a) {
        Log.add("array " + tag);
        return a;
    }

    @Async
    String shapeNullBoxedTargetThrowsBeforeTheAwait() {
        String out = "";
        try {
            boxed += Log.i("rhs", 1) + await(Src.i(2));
        } catch (NullPointerException e) {
            out += "field ";
        }
        Integer local = null;
        try {
            local -= await(Src.i(3));
        } catch (NullPointerException e) {
            out += "local ";
        }
        try {
            boxes[Log.i("index", 0)] *= Log.i("rhs", 4) + await(Src.i(5));
        } catch (NullPointerException e) {
            out += "element ";
        }
        Integer[] row = boxes;
        try {
            row[0]++;
        } catch (NullPointerException e) {
            out += "increment ";
        }
        try {
            row[await(Src.i(0))]--;
        } catch (NullPointerException e) {
            out += "awaited index";
        }
        return out;
    }

    @Async
    String shapeBoxedTargetsComputeInTheirPrimitive() {
        Integer local = 4;
        local += await(Src.i(3)) + local;
        small++;
        boxes[1] <<= await(Src.i(2));
        Character c = 'a';
        c++;
        Long wide = 1L;
        wide *= await(Src.i(7));
        Double d = 0.5;
        d /= await(Src.i(4));
        Boolean z = true;
        z ^= await(Src.b(true));
        return local + " " + small + " " + boxes[1] + " " + c + " " + wide + " " + d + " " + z;
    }

    @Async
    String shapeArrayChecksBeforeTheRightSideOfACompound() {
        String out = "";
        try {
            array("null", none)[Log.i("index", 0)] += Log.i("rhs", 1) + await(Src.i(1));
        } catch (NullPointerException e) {
            out += "npe ";
        }
        try {
            array("cells", cells)[Log.i("index", 5)] += Log.i("rhs", 2) + await(Src.i(2));
        } catch (ArrayIndexOutOfBoundsException e) {
            out += "bounds ";
        }
        return out + cells[0] + cells[1];
    }

    @Async
    String shapeArrayChecksAfterTheRightSideOfAStore() {
        String out = "";
        try {
            array("null", none)[Log.i("index", 0)] = Log.i("rhs", 1) + await(Src.i(1));
        } catch (NullPointerException e) {
            out += "npe ";
        }
        try {
            array("cells", cells)[Log.i("index", 5)] = Log.i("rhs", 2) + await(Src.i(2));
        } catch (ArrayIndexOutOfBoundsException e) {
            out += "bounds ";
        }
        return out + cells[0] + cells[1];
    }
}
