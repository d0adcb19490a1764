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
 * A {@link ProcessingEnvironment} with javac's services but not javac's environment behind it, as
 * a compiler without the {@code com.sun.source} API (ecj) would give: nothing to unwrap to.
 *
 * <pre>{@code
 * processor.init(new NoJavacEnvironment(javacEnvironment));   // the processor must say it needs javac
 * }</pre>
 */
final class NoJavacEnvironment implements ProcessingEnvironment {
    private final Map<String, String> options;
    private final Messager messager;
    private final Filer filer;
    private final Elements elements;
    private final Types types;
    private final SourceVersion version;

    NoJavacEnvironment(ProcessingEnvironment javac) {
        options = javac.getOptions();
        messager = javac.getMessager();
        filer = javac.getFiler();
        elements = javac.getElementUtils();
        types = javac.getTypeUtils();
        version = javac.getSourceVersion();
    }

    @Override
    public Map<String, String> getOptions() {
        return options;
    }

    @Override
    public Messager getMessager() {
        return messager;
    }

    @Override
    public Filer getFiler() {
        return filer;
    }

    @Override
    public Elements getElementUtils() {
        return elements;
    }

    @Override
    public Types getTypeUtils() {
        return types;
    }

    @Override
    public SourceVersion getSourceVersion() {
        return version;
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }
}
