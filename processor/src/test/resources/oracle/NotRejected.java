package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/**
 * Valid templates that look like what javac rejects (front/JavacRejects): jumps whose targets lie
 * across labels, switches and loops; a static template reaching instance members only through
 * classes that inherit them and through annotation elements. A false alarm would leave the
 * failed stub (it throws) in place of the machine.
 */
public class NotRejected {
    int total = 3;

    int next() {
        return Log.i("next", total++);
    }

    @Async
    static int shapeJumpsWithTargets() {
        int sum = 0;
        outer:
        for (int i = 0; i < 4; i++) {
            inner:
            {
                switch (await(Src.i(i))) {
                    case 0:
                        continue;
                    case 1:
                        break inner;
                    case 2:
                        break;
                    default:
                        break outer;
                }
                sum += 10;
            }
            while (true) {
                sum += await(Src.i(1));
                if (sum > 0) break;
            }
            do {
                continue outer;
            } while (false);
        }
        return sum;
    }

    @Async
    static int shapeStaticTemplateWithInheritedMembers() {
        @SuppressWarnings(value = "unused") int v = await(Src.i(2));
        NotRejected sub = new NotRejected() {
            int twice() {
                return next() + this.total + super.next();
            }

            @Override
            int next() {
                return total * 10;
            }
        };
        class Local extends NotRejected {
            int plus() {
                return total + next();
            }
        }
        return v + sub.total + new Local().plus() + await(Src.i(1));
    }
}
