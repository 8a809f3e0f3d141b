/** Recipes of the processes module of the Parallel Cookbook for Java. */
package org.parallelcookbook.processes;
