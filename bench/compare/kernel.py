"""Reference timing for bench/kernel.ts: biased HSIC tr(KHLH)/(n-1)^2 with Gaussian kernels the
NumPy way (dense Gram matrices through BLAS: |x|^2 + |y|^2 - 2 X X^T), on the same data as the
TypeScript benchmark (read from JSON). Medians of repeated runs, printed as JSON."""
import json, sys, time
import numpy as np


def hsic(X, Y, sx, sy):
    n = X.shape[0]

    def gram(A, s):
        sq = np.einsum("ij,ij->i", A, A)
        D = sq[:, None] + sq[None, :] - 2 * A @ A.T
        np.maximum(D, 0, out=D)
        K = np.exp(-D / (2 * s * s))
        r = K.mean(axis=1)
        return K - r[:, None] - r[None, :] + r.mean()

    K = gram(X, sx)
    L = gram(Y, sy)
    return float(np.sum(K * L) / (n - 1) ** 2)


cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    n, d, s = c["n"], c["d"], c["sigma"]
    X = np.array(c["x"]).reshape(n, d)
    Y = np.array(c["y"]).reshape(n, d)
    ts = []
    for _ in range(3):
        t0 = time.perf_counter()
        v = hsic(X, Y, s, s)
        ts.append(time.perf_counter() - t0)
    out.append({"n": n, "d": d, "numpy_ms": float(np.median(ts)) * 1000, "value": v})
print(json.dumps(out))
