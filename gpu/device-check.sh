#!/usr/bin/env bash
# The prepared CUDA device check (issue: "CUDA code that passes on its first NVIDIA machine").
# Runs, offline, on a Linux x86_64 machine with an NVIDIA GPU (driver; NVRTC 12 and cuBLAS 12 for
# every row) and JDK 25: every CUDA test of the gpu module, every CUDA recipe of chapter 6, the
# CUDA row of `compare mandelbrot` and the CUDA rows of `bench ch6.opencl-test`; one summary line
# per recipe or test class, exit 0 only when nothing failed.
#
# Prepare it where Maven and the network are (then copy the whole worktree, target/ folders and
# gpu/device-lib/ included, to the GPU machine):
#   mvn -B -DskipTests package                       # examples/target/cookbook.jar and every target/classes
#   mvn -B -pl gpu -am -DskipTests package dependency:copy-dependencies -DincludeScope=test \
#       -DoutputDirectory="$PWD/gpu/device-lib"      # the jars the tests need, gitignored
# Run: gpu/device-check.sh            (about 2-3 minutes; DEVICE_CHECK_N=512 for a quicker bench)
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
  if [ -n "$j" ] && [ -x "$j/bin/java" ]; then JAVA="$j/bin/java"; break; fi
done
JAVA=${JAVA:-java}
LIB=$ROOT/gpu/device-lib
JAR=$ROOT/examples/target/cookbook.jar
missing=""
[ -d "$LIB" ] || missing="$missing gpu/device-lib/"
[ -d "$ROOT/gpu/target/test-classes" ] || missing="$missing gpu/target/test-classes/"
[ -f "$JAR" ] || missing="$missing examples/target/cookbook.jar"
if [ -n "$missing" ]; then
  echo "device-check: missing$missing; prepare with the two mvn commands at the top of $0" >&2
  exit 2
fi
OPTS=(--enable-native-access=ALL-UNNAMED -Djava.awt.headless=true)
CP="$ROOT/gpu/target/test-classes:$ROOT/gpu/target/classes:$ROOT/cookbook-core/target/classes:$LIB/*"
fail=0
echo "device-check: $("$JAVA" -version 2>&1 | head -1); $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1 || echo 'nvidia-smi not found')"

# 1. every CUDA test class, one line each
timeout 240 "$JAVA" "${OPTS[@]}" -cp "$CP" org.parallelcookbook.gpu.DeviceCheck || fail=1

# 2. every CUDA recipe of chapter 6 and x.gpu-sum-reduce, one line each
for id in ch6.cuda-device-query ch6.cuda-app ch6.cuda-memory ch6.cuda-elementwise ch6.cuda-reduction \
          ch6.cuda-gpuarray ch6.numbapro-libs x.gpu-sum-reduce; do
  out=$(timeout 60 "$JAVA" "${OPTS[@]}" -jar "$JAR" run "$id" 2>&1); rc=$?
  last=$(printf '%s\n' "$out" | grep -v '^\s*$' | tail -1 | cut -c1-200)
  if [ $rc -eq 0 ]; then echo "PASS recipe $id: $last"; else echo "FAIL recipe $id (exit $rc): $last"; fail=1; fi
done

# 3. the CUDA row of the Mandelbrot showcase
out=$(timeout 90 "$JAVA" "${OPTS[@]}" -jar "$JAR" compare mandelbrot --models sequential,cuda --trials 3 2>&1); rc=$?
row=$(printf '%s\n' "$out" | grep -E '^cuda ' | head -1 | tr -s ' ' | cut -c1-200)
if [ $rc -eq 0 ] && printf '%s' "$row" | grep -qE '^cuda ok '; then echo "PASS compare mandelbrot cuda: $row"
else echo "FAIL compare mandelbrot cuda (exit $rc): ${row:-$(printf '%s\n' "$out" | tail -1)}"; fail=1; fi

# 4. the CUDA rows of the chapter's benchmark (matmul ladder twins)
json=$(mktemp)
# (with config/jvm-vector.options, as ./cookbook bench: the Java Vector API row needs jdk.incubator.vector)
out=$(COOKBOOK_GPU_BENCH_N=${DEVICE_CHECK_N:-1024} timeout 150 "$JAVA" "${OPTS[@]}" "@$ROOT/config/jvm-vector.options" \
      -jar "$JAR" bench ch6.opencl-test \
      --warmup 1 --trials 3 --json "$json" 2>&1); rc=$?
if [ $rc -ne 0 ]; then echo "FAIL bench ch6.opencl-test (exit $rc): $(printf '%s\n' "$out" | tail -1)"; fail=1
else
  python3 - "$json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
cols = d["columns"]; k = cols.index("kernel GFLOP/s")
rows = [r for r in d["rows"] if str(r[0]).startswith("matmul CUDA")]
note = d.get("figures", {}).get("cuda", "")
if not rows:
    print("FAIL bench ch6.opencl-test CUDA rows: none (" + str(note) + ")"); sys.exit(1)
for r in rows:
    print("PASS bench %s: %s kernel GFLOP/s" % (r[0], r[k]))
PY
fi
rm -f "$json"
[ $fail -eq 0 ] && echo "device-check: all passed" || echo "device-check: FAILURES above"
exit $fail
