package dev.jawait.processor.toolchain;

import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A processor that runs another one with a wrapped environment, as IntelliJ IDEA's build and
 * Gradle do (their wrapper is made by {@code wrap} from javac's environment).
 *
 * <pre>{@code
 * Compiler.javac().withProcessors(new WrappingProcessor(new AsyncProcessor(), IntellijProxy::wrap))
 * }</pre>
 */
final class WrappingProcessor implements Processor {
    private final Processor delegate;
    private final UnaryOperator<ProcessingEnvironment> wrap;

    WrappingProcessor(Processor delegate, UnaryOperator<ProcessingEnvironment> wrap) {
        this.delegate = delegate;
        this.wrap = wrap;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment env) {
        delegate.init(wrap.apply(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
            ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }
}
