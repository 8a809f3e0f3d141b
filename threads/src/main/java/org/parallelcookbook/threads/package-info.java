/** Recipes of the threads module of the Parallel Cookbook for Java. */
package org.parallelcookbook.threads;
