package dev.jawait.processor.front;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The calls known to block the calling thread until something else happens, and what to use
 * in an {@code @Async} method instead: a blocked runtime worker runs no other task meanwhile.
 * A method matches when declared (or overridden) in the listed type or a subtype; reads of a
 * {@code ByteArrayInputStream} do not wait and do not match.
 *
 * <pre>{@code
 * String advice = blockingCalls.advice(template, call, method);   // null when the call does not block
 * }</pre>
 */
final class BlockingCalls {
    /** Methods of a type (of its subtypes too unless {@code exact}) that block. */
    private static final class Entry {
        final String type;
        final boolean exact;
        final Set<String> methods;
        final String advice;

        Entry(String type, boolean exact, Set<String> methods, String advice) {
            this.type = type;
            this.exact = exact;
            this.methods = methods;
            this.advice = advice;
        }
    }

    private static final String SPAWN_BLOCKING = "or run it in Task.spawnBlocking and await that";
    private static final List<Entry> TABLE = List.of(
            new Entry("java.lang.Thread", true, Set.of("sleep"), "use await(Time.sleep(duration))"),
            new Entry("java.lang.Thread", true, Set.of("join"), "await the task's JoinHandle, " + SPAWN_BLOCKING),
            new Entry("java.lang.Object", true, Set.of("wait"),
                    "await a dev.jawait.sync primitive (Notify, a Channel) instead"),
            new Entry("java.util.concurrent.CompletableFuture", false, Set.of("join", "get"),
                    "await it (Await.await takes a CompletionStage)"),
            new Entry("java.util.concurrent.Future", false, Set.of("get"),
                    "await it if it is a CompletionStage, " + SPAWN_BLOCKING),
            new Entry("java.util.concurrent.CountDownLatch", false, Set.of("await"),
                    "await a dev.jawait.sync.Barrier or Notify, " + SPAWN_BLOCKING),
            new Entry("java.util.concurrent.BlockingQueue", false, Set.of("take", "put"),
                    "use a dev.jawait.sync.Channel and await its recv() or send()"),
            new Entry("java.lang.Process", false, Set.of("waitFor"), "await Task.spawnBlocking(process::waitFor)"),
            new Entry("java.io.InputStream", false, Set.of("read", "readAllBytes", "readNBytes", "transferTo", "skip"),
                    "use dev.jawait.net's TcpStream, " + SPAWN_BLOCKING),
            new Entry("java.net.Socket", false, Set.of("connect"), "await TcpStream.connect(address)"),
            new Entry("java.net.ServerSocket", false, Set.of("accept"), "await a TcpListener's accept()"),
            new Entry("dev.jawait.runtime.AsyncRuntime", false, Set.of("blockOn"), "await the future"));

    private final Types types;
    private final Elements elements;
    private final TypeMirror[] tableTypes = new TypeMirror[TABLE.size()];
    private final TypeMirror inMemoryStream;

    BlockingCalls(ProcessingEnvironment env) {
        this.types = env.getTypeUtils();
        this.elements = env.getElementUtils();
        for (int i = 0; i < TABLE.size(); i++) {
            tableTypes[i] = erasure(TABLE.get(i).type);
        }
        this.inMemoryStream = erasure("java.io.ByteArrayInputStream");
    }

    private TypeMirror erasure(String name) {
        TypeElement e = elements.getTypeElement(name);
        return e == null ? null : types.erasure(e.asType());
    }

    /** What to use instead of {@code call} (of {@code method}), or {@code null} if it does not block. */
    String advice(Template t, MethodInvocationTree call, ExecutableElement method) {
        Element owner = method.getEnclosingElement();
        if (!(owner instanceof TypeElement)) {
            return null;
        }
        String name = method.getSimpleName().toString();
        if (name.startsWith("blocking") && isJawaitSync(owner)) {
            return "await its non-blocking variant";
        }
        TypeMirror ownerType = types.erasure(owner.asType());
        for (int i = 0; i < TABLE.size(); i++) {
            Entry entry = TABLE.get(i);
            TypeMirror type = tableTypes[i];
            if (type == null || !entry.methods.contains(name)) {
                continue;
            }
            if (entry.exact ? types.isSameType(ownerType, type) : types.isSubtype(ownerType, type)) {
                return inMemory(t, call) ? null : entry.advice;
            }
        }
        return null;
    }

    /** A read of an in-memory stream, which never waits. */
    private boolean inMemory(Template t, MethodInvocationTree call) {
        if (inMemoryStream == null || !(call.getMethodSelect() instanceof MemberSelectTree)) {
            return false;
        }
        TypeMirror receiver = t.typeOf(((MemberSelectTree) call.getMethodSelect()).getExpression());
        return receiver != null && types.isSubtype(types.erasure(receiver), inMemoryStream);
    }

    /** A type of jawait's sync package, whose {@code blocking*} methods are for plain threads. */
    private boolean isJawaitSync(Element owner) {
        PackageElement p = elements.getPackageOf(owner);
        return p.getQualifiedName().contentEquals("dev.jawait.sync");
    }
}
