"""Reference timings for bench/knn.ts: scikit-learn's mutual_info_regression and a SciPy cKDTree
KSG (algorithm 1) on the same data as the TypeScript benchmark (read from JSON). Medians of
repeated runs, printed as JSON. Run by bench/compare.ts when Python with SciPy and scikit-learn
is present; never by the tests."""
import json, sys, time
import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma
from sklearn.feature_selection import mutual_info_regression


def ksg1(x, y, k=3):
    n = len(x)
    xy = np.c_[x, y]
    eps = cKDTree(xy).query(xy, k=k + 1, p=np.inf)[0][:, -1]
    r = np.nextafter(eps, 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True) - 1
    return digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1))


def median_time(fn, reps):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return float(np.median(ts)) * 1000


cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    n, d = c["n"], c["d"]
    x = np.array(c["x"]).reshape(n, d)
    y = np.array(c["y"]).reshape(n, d)
    reps = 3 if n >= 100_000 else 5
    row = {"n": n, "d": d, "ksg_ckdtree_ms": median_time(lambda: ksg1(x, y), reps), "ksg_ckdtree_value": float(ksg1(x, y))}
    if d == 1:
        row["sklearn_ms"] = median_time(lambda: mutual_info_regression(x, y[:, 0], n_neighbors=3, random_state=0), reps)
    out.append(row)
print(json.dumps(out))
