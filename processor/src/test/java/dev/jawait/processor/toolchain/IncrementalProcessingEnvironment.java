package dev.jawait.processor.toolchain;

import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * A {@link ProcessingEnvironment} wrapped the way Gradle wraps javac's for incremental annotation
 * processing ({@code org.gradle.api.internal.tasks.compile.processing.IncrementalProcessingEnvironment}):
 * a plain class with a {@code delegate} field, whose {@link Filer} records what each generated file
 * was made from.
 *
 * <pre>{@code
 * IncrementalProcessingEnvironment gradle = new IncrementalProcessingEnvironment(javacEnvironment);
 * ... gradle.filer.generated()   // file name -> originating elements
 * }</pre>
 */
final class IncrementalProcessingEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    final RecordingFiler filer;

    IncrementalProcessingEnvironment(ProcessingEnvironment delegate) {
        this.delegate = delegate;
        this.filer = new RecordingFiler(delegate.getFiler());
    }

    @Override
    public Map<String, String> getOptions() {
        return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
        return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
        return filer;
    }

    @Override
    public Elements getElementUtils() {
        return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
        return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
        return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
        return delegate.getLocale();
    }
}
