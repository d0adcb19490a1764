package dev.jawait.processor.front;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The parts of jawait's API the processor recognises in templates (the {@code @Async} annotation,
 * {@code Await.await}) and the names it gives the classes it generates.
 *
 * <pre>{@code
 * if (JawaitApi.isAwait(template.elementOf(call))) ...   // a suspension point
 * JawaitApi.companionSimpleName(outerInner);            // "Outer_InnerAsync"
 * }</pre>
 */
public final class JawaitApi {
    /** The class declaring the {@code await} methods. */
    public static final String AWAIT_CLASS = "dev.jawait.Await";
    /** The annotation that marks a template. */
    public static final String ASYNC_ANNOTATION = "dev.jawait.Async";

    private JawaitApi() {}

    /**
     * Whether {@code e} is one of the {@code Await.await} methods.
     *
     * @param e any element, or {@code null}
     * @return {@code true} for {@code Await.await}
     */
    public static boolean isAwait(Element e) {
        if (!(e instanceof ExecutableElement) || !e.getSimpleName().contentEquals("await")) {
            return false;
        }
        Element owner = e.getEnclosingElement();
        return owner instanceof TypeElement
                && ((TypeElement) owner).getQualifiedName().contentEquals(AWAIT_CLASS);
    }

    /**
     * Whether {@code e} carries {@code @Async}.
     *
     * @param e any element
     * @return {@code true} for an {@code @Async} method
     */
    public static boolean isAsyncTemplate(Element e) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            Element type = a.getAnnotationType().asElement();
            if (type instanceof TypeElement && ((TypeElement) type).getQualifiedName().contentEquals(ASYNC_ANNOTATION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code XAsync} for top-level {@code X}, {@code Outer_InnerAsync} for nested classes.
     *
     * @param type the template's class
     * @return the companion's simple name
     */
    public static String companionSimpleName(TypeElement type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        for (Element e = type.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
            name.insert(0, e.getSimpleName() + "_");
        }
        return name + "Async";
    }
}
