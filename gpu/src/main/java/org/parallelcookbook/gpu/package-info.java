/**
 * Recipes of the gpu module of the Parallel Cookbook for Java.
 *
 * <p>The {@code Result} records of these recipes carry the arrays a kernel read and wrote
 * ({@code float[] c}, ...). A record's generated {@code equals} compares array components by
 * identity, so two results with the same numbers are not {@code equal}: nothing in the module or
 * its tests compares results with {@code equals}; the tests compare the arrays themselves
 * ({@code assertArrayEquals}, {@code MatMulKernels.maxRelativeError}).
 */
package org.parallelcookbook.gpu;
