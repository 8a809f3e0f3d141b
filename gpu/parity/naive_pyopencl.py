#!/usr/bin/python3
"""PyOpenCL side of the naive-kernel parity check of chapter 6 (docs/chapter-6.md), and numpy's
BLAS for scale, in one run.

    /usr/bin/python3 gpu/parity/naive_pyopencl.py [N] [TRIALS]      (defaults 1024 and 5)

Runs the program text of MatMulKernels.OPENCL (the same text JOCL compiles: `#define TILE 16`, the
naive and the tiled kernel; PyOpenClParityTest checks that the two copies are equal) and times
matmul_naive exactly as `./cookbook bench ch6.opencl-test` times its row "matmul OpenCL naive":

- program built with no build options (PyOpenCL's own Program.build would add an include path
  and cache the binary; the low-level build here passes the empty string, as JOCL does);
- global size N rounded up to a multiple of 16 in both dimensions, local size 16x16;
- a fresh READ_ONLY|COPY_HOST_PTR buffer for A and for B and a WRITE_ONLY buffer for C for every
  launch, C read back after it (the bench's end-to-end run);
- 3 untimed launches (the bench's check launch and its 2 warm-ups), then TRIALS timed ones; the
  figure is the kernel time from the launch's profiling event (start to end), median and best, as
  the bench's "kernel GFLOP/s" column.

It then prints the same with the local size left to the runtime (PyOpenCL's None, OpenCL's NULL),
which is not what JOCL launches, and numpy's `a @ b` GFLOP/s on the same matrices (median and best
of TRIALS after one warm-up). Needs Debian's python3-pyopencl and python3-numpy: run it with
/usr/bin/python3 (a pyenv `python3` on PATH has neither).
"""
import sys
import time

import numpy as np
import pyopencl as cl

# MatMulKernels.OPENCL with TILE = 16, character for character (PyOpenClParityTest compares them)
PROGRAM = """#define TILE 16
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

__kernel void matmul_tiled(const int n, __global const float *a, __global const float *b,
                           __global float *c) {
    __local float ta[TILE][TILE];
    __local float tb[TILE][TILE];
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int col = get_group_id(0) * TILE + tx;
    const int row = get_group_id(1) * TILE + ty;
    float sum = 0.0f;
    for (int t = 0; t < (n + TILE - 1) / TILE; t++) {
        const int ka = t * TILE + tx;
        const int kb = t * TILE + ty;
        ta[ty][tx] = (row < n && ka < n) ? a[row * n + ka] : 0.0f;
        tb[ty][tx] = (kb < n && col < n) ? b[kb * n + col] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int k = 0; k < TILE; k++) {
            sum += ta[ty][k] * tb[k][tx];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < n && col < n) {
        c[row * n + col] = sum;
    }
}
"""

WARMUP = 3  # the bench's check launch + its default 2 warm-ups
TILE = 16


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    trials = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    device = cl.get_platforms()[0].get_devices()[0]
    ctx = cl.Context([device])
    queue = cl.CommandQueue(ctx, properties=cl.command_queue_properties.PROFILING_ENABLE)
    # the low-level program: built with exactly the options given (none), no include path, no cache
    prog = cl._cl._Program(ctx, PROGRAM)
    prog.build("", [device])
    options = prog.get_build_info(device, cl.program_build_info.OPTIONS)
    knl = cl.Kernel(prog, "matmul_naive")
    rng = np.random.default_rng(1)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    ref = a.astype(np.float64) @ b.astype(np.float64)
    mf = cl.mem_flags
    padded = (n + TILE - 1) // TILE * TILE
    gflop = 2.0 * n ** 3 / 1e9
    print(f"device: {device.name} ({device.platform.name}); build options: {options!r}; "
          f"global {padded}x{padded}; {WARMUP} warm-up + {trials} launches")
    for local in [(TILE, TILE), None]:
        times = []
        c = np.empty_like(a)
        for i in range(WARMUP + trials):
            da = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=a)
            db = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=b)
            dc = cl.Buffer(ctx, mf.WRITE_ONLY, a.nbytes)
            knl.set_args(np.int32(n), da, db, dc)
            ev = cl.enqueue_nd_range_kernel(queue, knl, (padded, padded), local)
            ev.wait()
            cl.enqueue_copy(queue, c, dc)
            if i >= WARMUP:
                times.append((ev.profile.end - ev.profile.start) / 1e9)
            da.release()
            db.release()
            dc.release()
        err = float(np.max(np.abs(c - ref) / np.maximum(1, np.abs(ref))))
        times.sort()
        shape = "16x16 (as JOCL)" if local else "None (runtime's choice; not what JOCL launches)"
        print(f"PyOpenCL naive n={n} local {shape}: kernel median {gflop / times[len(times) // 2]:.3f} GFLOP/s, "
              f"best {gflop / times[0]:.3f} GFLOP/s, max rel err {err:.1e}")
    times = []
    for i in range(1 + trials):
        start = time.perf_counter()
        c = a @ b
        elapsed = time.perf_counter() - start
        if i >= 1:
            times.append(elapsed)
    times.sort()
    err = float(np.max(np.abs(c - ref) / np.maximum(1, np.abs(ref))))
    print(f"numpy a @ b n={n} (float32, numpy {np.__version__}): median {gflop / times[len(times) // 2]:.1f} GFLOP/s, "
          f"best {gflop / times[0]:.1f} GFLOP/s, max rel err {err:.1e}")


if __name__ == "__main__":
    main()
