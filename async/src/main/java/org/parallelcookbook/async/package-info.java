/** Recipes of the async module of the Parallel Cookbook for Java. */
package org.parallelcookbook.async;
