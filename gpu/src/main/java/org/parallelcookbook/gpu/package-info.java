/** Recipes of the gpu module of the Parallel Cookbook for Java. */
package org.parallelcookbook.gpu;
