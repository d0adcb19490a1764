package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Nested array initialisers with awaits in later rows: a row evaluated before a later row's await
 * is kept in a temporary, spelled as an array creation (a bare {@code {...}} is no expression).
 */
public class NestedArrays {
    @Async
    static String shapeDeclarationWithAwaitInEveryRow() {
        int[][] a = {{await(Src.i(1))}, {await(Src.i(2))}};
        return Arrays.deepToString(a);
    }

    @Async
    static String shapeNewArrayWithAwaitInEveryRow() {
        int[][] a = new int[][]{{Log.i("first", 1), await(Src.i(2))}, {await(Src.i(3)), Log.i("last", 4)}};
        return Arrays.deepToString(a);
    }

    @Async
    static String shapePlainRowsAroundAwaitingRows() {
        long[][] a = {{Log.l("plain", 1)}, {await(Src.l(2))}, {Log.l("middle", 3)}, {await(Src.l(4)), 5}, {6}};
        return Arrays.deepToString(a);
    }

    @Async
    static String shapeThreeLevels() {
        int[][][] a = {{{await(Src.i(1))}, {2}}, {{Log.i("plain", 3)}, {await(Src.i(4)), await(Src.i(5))}}};
        return Arrays.deepToString(a);
    }

    @Async
    static String shapeRowsOfObjectsAndStrings() {
        String[][] s = {{await(Src.s("a")), "b"}, {Log.add("c")}, {await(Src.s("d"))}};
        Object[][] o = {{await(Src.s("x"))}, {await(Src.i(7)), null}};
        return Arrays.deepToString(s) + Arrays.deepToString(o);
    }

    @Async
    static String shapeRowsOfRawGenericType() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String>[][] rows = new List[][]{{List.of(await(Src.s("a")))}, {null, List.of(await(Src.s("b")))}};
        return Arrays.deepToString(rows) + rows.getClass().getSimpleName();
    }

    @Async
    static int shapeRowsAsArgumentAndAssignment() {
        int[][] grid = new int[2][];
        grid[await(Src.i(1))] = new int[]{await(Src.i(8)), Log.i("after", 9)};
        return sum(new int[][]{{await(Src.i(1))}, grid[1], {await(Src.i(2)), 3}}) + grid.length;
    }

    @Async
    static int shapeRowAfterFailingAwait() throws IOException {
        int[][] a = {{Log.i("before", 1)}, {await(Src.io(2))}, {await(Src.io(3))}};
        return sum(a);
    }

    static int sum(int[][] rows) {
        int total = 0;
        for (int[] row : rows) {
            for (int v : row) total += Log.i("cell", v);
        }
        return total;
    }
}
