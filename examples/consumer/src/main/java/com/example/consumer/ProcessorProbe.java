package com.example.consumer;

import org.parallelcookbook.core.Recipe;

/**
 * Not part of the tour: a probe for the consumer build's check that the cookbook's recipe-index
 * processor stays out of a user's javac. The id is malformed on purpose, and this class has no
 * main: if the processor ran here (this build compiles with -proc:full, as a project with
 * processors of its own does), it would reject the class and the build would fail; nor may an index
 * appear in target/classes.
 */
@Recipe(id = "Not An Id", chapter = 1, title = "processor probe")
final class ProcessorProbe {
}
