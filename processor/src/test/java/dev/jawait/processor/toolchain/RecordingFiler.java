package dev.jawait.processor.toolchain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * A {@link Filer} that passes every call on and records, per generated file, the originating
 * elements it was created with (what Gradle's incremental filer reads), and whether the
 * processor read any resource (which an isolating processor may not do through the Filer).
 *
 * <pre>{@code
 * RecordingFiler filer = new RecordingFiler(env.getFiler());
 * ... filer.generated().get("demo.EchoAsync")   // [demo.Echo]
 * }</pre>
 */
final class RecordingFiler implements Filer {
    private final Filer delegate;
    private final Map<String, List<Element>> generated = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> resourcesRead = Collections.synchronizedList(new ArrayList<>());

    RecordingFiler(Filer delegate) {
        this.delegate = delegate;
    }

    /** Every file created, by name (a type's qualified name, or location:package/name for a resource). */
    Map<String, List<Element>> generated() {
        return Map.copyOf(generated);
    }

    List<String> resourcesRead() {
        return List.copyOf(resourcesRead);
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
        generated.put(name.toString(), List.of(originatingElements));
        return delegate.createSourceFile(name, originatingElements);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
        generated.put(name.toString(), List.of(originatingElements));
        return delegate.createClassFile(name, originatingElements);
    }

    @Override
    public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName, Element... originatingElements) throws IOException {
        generated.put(location.getName() + ":" + moduleAndPkg + "/" + relativeName, List.of(originatingElements));
        return delegate.createResource(location, moduleAndPkg, relativeName, originatingElements);
    }

    @Override
    public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName) throws IOException {
        resourcesRead.add(location.getName() + ":" + moduleAndPkg + "/" + relativeName);
        return delegate.getResource(location, moduleAndPkg, relativeName);
    }
}
