/** Recipes of the mpi module of the Parallel Cookbook for Java. */
package org.parallelcookbook.mpi;
