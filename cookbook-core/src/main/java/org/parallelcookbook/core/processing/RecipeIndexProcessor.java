package org.parallelcookbook.core.processing;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/cookbook/recipes.idx}: the binary names of all classes of the module being
 * compiled that carry {@code @Recipe}, one per line. It also rejects, at compile time, a recipe
 * that is not a public class with {@code public static void main(String[])} or whose id is malformed.
 */
@SupportedAnnotationTypes(RecipeIndexProcessor.RECIPE_ANNOTATION)
public final class RecipeIndexProcessor extends AbstractProcessor {

    static final String RECIPE_ANNOTATION = "org.parallelcookbook.core.Recipe";
    private static final String INDEX = "META-INF/cookbook/recipes.idx";
    private static final Pattern ID = Pattern.compile("(ch[1-6]|x)\\.[a-z0-9]+(-[a-z0-9]+)*");

    private final Set<String> classes = new TreeSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind() != ElementKind.CLASS) {
                    error(element, "@Recipe belongs on a class");
                    continue;
                }
                TypeElement type = (TypeElement) element;
                check(type);
                classes.add(processingEnv.getElementUtils().getBinaryName(type).toString());
            }
        }
        if (round.processingOver() && !classes.isEmpty()) {
            writeIndex();
        }
        return false;
    }

    private void check(TypeElement type) {
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            error(type, "a recipe class must be public");
        }
        boolean hasMain = ElementFilter.methodsIn(type.getEnclosedElements()).stream().anyMatch(this::isMain);
        if (!hasMain) {
            error(type, "a recipe needs public static void main(String[] args)");
        }
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (!mirror.getAnnotationType().toString().equals(RECIPE_ANNOTATION)) {
                continue;
            }
            mirror.getElementValues().forEach((key, value) -> {
                if (key.getSimpleName().contentEquals("id") && !ID.matcher(value.getValue().toString()).matches()) {
                    error(type, "recipe id '" + value.getValue() + "' is not of the form ch<1-6>.<name> or x.<name>");
                }
            });
        }
    }

    private boolean isMain(ExecutableElement method) {
        return method.getSimpleName().contentEquals("main")
                && method.getModifiers().containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC))
                && method.getParameters().size() == 1
                && method.getParameters().get(0).asType().toString().equals("java.lang.String[]");
    }

    private void writeIndex() {
        try (Writer out = processingEnv.getFiler()
                .createResource(StandardLocation.CLASS_OUTPUT, "", INDEX)
                .openWriter()) {
            for (String name : classes) {
                out.write(name);
                out.write('\n');
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + INDEX + ": " + e);
        }
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
