/** Recipes of the distributed module of the Parallel Cookbook for Java. */
package org.parallelcookbook.distributed;
