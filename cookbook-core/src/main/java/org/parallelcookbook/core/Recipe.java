package org.parallelcookbook.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a cookbook recipe: a self-contained program with a {@code main} method that
 * re-creates one recipe of the <i>Python Parallel Programming Cookbook</i>.
 *
 * <p>Nothing lists recipes by hand. At compile time {@code RecipeIndexProcessor} writes the name of
 * every annotated class into {@value #INDEX_RESOURCE}; at run time {@link RecipeRegistry} reads every
 * such index on the class path (one per module) and the annotation on each class.
 *
 * <pre>{@code
 * @Recipe(id = "ch2.semaphore", chapter = 2, title = "Thread synchronization with semaphores")
 * public final class SemaphoreProducerConsumer { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Recipe {

    /** Where the annotation processor writes the index of one module's recipes. */
    String INDEX_RESOURCE = "META-INF/cookbook/recipes.idx";

    /** Stable id, the one in the catalogue: {@code ch<chapter>.<name>} or {@code x.<name>} for extras. */
    String id();

    /** Book chapter (1 to 6); extras give the chapter they belong with. */
    int chapter();

    /** The book's section title (or the extra's title). */
    String title();

    /** True for recipes that are not in the book (2nd edition, modern Java, benchmarks). */
    boolean extra() default false;

    /**
     * Arguments that make {@code main} finish quickly for {@code cookbook tour} (short sleeps,
     * small sizes). Empty means the defaults are already quick.
     */
    String[] tourArgs() default {};

    /**
     * The benchmark behind {@code cookbook bench <id>}: a class with a public no-argument constructor
     * implementing {@code org.parallelcookbook.core.measure.ScalableWorkload} (a scaling study over
     * worker counts) or {@code org.parallelcookbook.core.measure.CustomBenchmark}. {@code Void.class}
     * means the recipe has none.
     */
    Class<?> bench() default Void.class;
}
