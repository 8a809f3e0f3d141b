package org.parallelcookbook.gpu.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The argument list of a generated kernel, written the way PyCUDA and PyOpenCL take it:
 * {@code "float a, const float *x, float b, const float *y, float *c"}. Scalars are passed by
 * value; pointers are arrays that the kernel helpers copy to the device, and, unless declared
 * {@code const}, copy back afterwards. Element types: {@code int}, {@code long} (64 bits on both
 * backends), {@code float}, {@code double}.
 *
 * @param params the parsed parameters, in order
 */
public record KernelSignature(List<Param> params) {

    private static final Pattern PARAM = Pattern.compile(
            "\\s*(const\\s+)?(int|long|float|double)\\s*(\\*)?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");

    /** Element types a kernel argument may have, with the Java array type that carries it. */
    public enum Type {
        INT("int", "int", Integer.BYTES, int[].class),
        LONG("long", "long long", Long.BYTES, long[].class),
        FLOAT("float", "float", Float.BYTES, float[].class),
        DOUBLE("double", "double", Double.BYTES, double[].class);

        private final String openCl;
        private final String cuda;
        private final int bytes;
        private final Class<?> arrayType;

        Type(String openCl, String cuda, int bytes, Class<?> arrayType) {
            this.openCl = openCl;
            this.cuda = cuda;
            this.bytes = bytes;
            this.arrayType = arrayType;
        }

        /** The C type in OpenCL C ({@code long} is 64 bits there). */
        public String openCl() {
            return openCl;
        }

        /** The C type in CUDA C++ ({@code long long}: {@code long} is 32 bits on Windows). */
        public String cuda() {
            return cuda;
        }

        public int bytes() {
            return bytes;
        }

        public Class<?> arrayType() {
            return arrayType;
        }

        /** A scalar argument of this type (an {@code Integer} for INT, ...), converted from any number. */
        public Number scalar(Number value) {
            return switch (this) {
                case INT -> value.intValue();
                case LONG -> value.longValue();
                case FLOAT -> value.floatValue();
                case DOUBLE -> value.doubleValue();
            };
        }

        /** A host array of this type, to read a device result into. */
        public Object newArray(int length) {
            return java.lang.reflect.Array.newInstance(arrayType.componentType(), length);
        }

        /** Element {@code index} of a host array of this type. */
        public Number element(Object array, int index) {
            return (Number) java.lang.reflect.Array.get(array, index);
        }

        public static Type parse(String name) {
            return switch (name.strip()) {
                case "int" -> INT;
                case "long" -> LONG;
                case "float" -> FLOAT;
                case "double" -> DOUBLE;
                default -> throw new IllegalArgumentException(
                        "unsupported element type '" + name + "': use int, long, float or double");
            };
        }

        /** The type of a Java array (int[], long[], float[], double[]). */
        public static Type ofArray(Object array) {
            for (Type t : values()) {
                if (t.arrayType.isInstance(array)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("not an int[], long[], float[] or double[]: "
                    + (array == null ? "null" : array.getClass().getSimpleName()));
        }
    }

    /** One parameter: {@code const float *x} is (const, FLOAT, pointer, "x"). */
    public record Param(boolean isConst, Type type, boolean pointer, String name) {
        /** The declaration in OpenCL C. */
        public String openCl() {
            return (pointer ? "__global " : "") + (isConst ? "const " : "") + type.openCl() + (pointer ? " *" : " ") + name;
        }

        /** The declaration in CUDA C++. */
        public String cuda() {
            return (isConst ? "const " : "") + type.cuda() + (pointer ? " *" : " ") + name;
        }
    }

    public KernelSignature {
        params = List.copyOf(params);
    }

    /** Parses {@code "float a, const float *x, float *c"}. */
    public static KernelSignature parse(String arguments) {
        List<Param> params = new ArrayList<>();
        for (String part : arguments.split(",")) {
            Matcher m = PARAM.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot read kernel argument '" + part.strip()
                        + "': expected '[const] int|long|float|double [*]name'");
            }
            String name = m.group(4);
            if (name.equals("i") || name.equals("n")) {
                throw new IllegalArgumentException("'" + name + "' is reserved: the generated kernel uses i (index) and n (length)");
            }
            if (params.stream().anyMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("argument '" + name + "' declared twice");
            }
            params.add(new Param(m.group(1) != null, Type.parse(m.group(2)), m.group(3) != null, name));
        }
        return new KernelSignature(params);
    }

    /** The OpenCL C parameter list, comma separated. */
    public String openCl() {
        return String.join(", ", params.stream().map(Param::openCl).toList());
    }

    /** The CUDA C++ parameter list, comma separated. */
    public String cuda() {
        return String.join(", ", params.stream().map(Param::cuda).toList());
    }

    /** True when some parameter is a double (OpenCL then needs {@code cl_khr_fp64}). */
    public boolean usesDouble() {
        return params.stream().anyMatch(p -> p.type() == Type.DOUBLE);
    }

    /**
     * Checks host values against the signature: an array of the right element type with at least
     * {@code n} elements for each pointer, a {@link Number} for each scalar.
     */
    public void check(int n, Object... args) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (args.length != params.size()) {
            throw new IllegalArgumentException("kernel takes " + params.size() + " arguments (" + this
                    + "), got " + args.length);
        }
        for (int k = 0; k < args.length; k++) {
            Param p = params.get(k);
            Object a = args[k];
            if (p.pointer()) {
                if (!p.type().arrayType().isInstance(a)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "argument %s must be a %s[], got %s",
                            p.name(), p.type().openCl(), a == null ? "null" : a.getClass().getSimpleName()));
                }
                if (java.lang.reflect.Array.getLength(a) < n) {
                    throw new IllegalArgumentException("argument " + p.name() + " has "
                            + java.lang.reflect.Array.getLength(a) + " elements, fewer than n = " + n);
                }
            } else if (!(a instanceof Number)) {
                throw new IllegalArgumentException("argument " + p.name() + " must be a number, got " + a);
            }
        }
    }

    @Override
    public String toString() {
        return String.join(", ", params.stream()
                .map(p -> (p.isConst() ? "const " : "") + p.type().openCl() + (p.pointer() ? " *" : " ") + p.name())
                .toList());
    }
}
