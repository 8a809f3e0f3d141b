#!/usr/bin/python3
"""PyOpenCL side of the naive-kernel parity check of chapter 6 (docs/chapter-6.md).

Runs the same naive matmul kernel text as MatMulKernels.OPENCL (matmul_naive), n = 1024, on the
first OpenCL device, with the same launch JOCL uses in `./cookbook bench ch6.opencl-test`: global
1024x1024, local 16x16, buffers READ_ONLY|COPY_HOST_PTR and WRITE_ONLY, no build options, kernel
time from the profiling event. Prints the median and best kernel GFLOP/s of 5 launches after one
warm-up, and the same with local size None (the runtime chooses). Needs Debian's python3-pyopencl and python3-numpy (run it with /usr/bin/python3).
"""
import sys
import numpy as np
import pyopencl as cl

KERNEL = """
__kernel void matmul_naive(const int n, __global const float *a, __global const float *b,
                           __global float *c) {
    const int col = get_global_id(0);
    const int row = get_global_id(1);
    if (row < n && col < n) {
        float sum = 0.0f;
        for (int k = 0; k < n; k++) {
            sum += a[row * n + k] * b[k * n + col];
        }
        c[row * n + col] = sum;
    }
}
"""

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
ctx = cl.Context([cl.get_platforms()[0].get_devices()[0]])
queue = cl.CommandQueue(ctx, properties=cl.command_queue_properties.PROFILING_ENABLE)
prog = cl.Program(ctx, KERNEL).build()
rng = np.random.default_rng(1)
a = rng.random((n, n), dtype=np.float32)
b = rng.random((n, n), dtype=np.float32)
mf = cl.mem_flags
da = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=a)
db = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=b)
dc = cl.Buffer(ctx, mf.WRITE_ONLY, a.nbytes)
knl = prog.matmul_naive
padded = (n + 15) // 16 * 16
for local in [(16, 16), None]:
    times = []
    for i in range(6):
        ev = knl(queue, (padded, padded), local, np.int32(n), da, db, dc)
        ev.wait()
        if i > 0:
            times.append((ev.profile.end - ev.profile.start) / 1e9)
    c = np.empty_like(a)
    cl.enqueue_copy(queue, c, dc)
    err = np.max(np.abs(c - a @ b) / np.maximum(1, np.abs(a @ b)))
    times.sort()
    f = 2.0 * n ** 3 / 1e9
    print(f"PyOpenCL naive n={n} local={local}: median {f / times[len(times) // 2]:.3f} GFLOP/s, "
          f"best {f / times[0]:.3f} GFLOP/s, max rel err {err:.1e} [{ctx.devices[0].name}]")
