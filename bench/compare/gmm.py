"""Reference timings for bench/gmm.ts: scikit-learn's GaussianMixture on the same data and from
the same initial parameters (weights_init, means_init, precisions_init) as the TypeScript run,
tol = 0 so every fit runs exactly max_iter EM iterations. Time per iteration is
(t(iters) - t(1)) / (iters - 1), which removes scikit-learn's fixed costs (input validation,
its init_params draw and the M-step from those responsibilities that _initialize runs before
overriding them). Medians and quartiles of repeated runs, printed as JSON, with the final
lower_bound_ so the TypeScript side can check both ran the same EM. Run by bench/compare.ts
when Python with scikit-learn is present; never by the tests."""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.filterwarnings("ignore", category=ConvergenceWarning)

try:
    from threadpoolctl import threadpool_info

    blas = [f"{i.get('internal_api')} ({i.get('num_threads')} threads)" for i in threadpool_info()]
except Exception:  # threadpoolctl missing: say so rather than guess
    blas = ["unknown"]


def fit(c, X, iters):
    return GaussianMixture(
        n_components=c["k"],
        covariance_type=c["covarianceType"],
        tol=0.0,
        reg_covar=1e-6,
        max_iter=iters,
        init_params="random_from_data",
        weights_init=np.array(c["weights"]),
        means_init=np.array(c["means"]),
        precisions_init=np.array(c["precisions"]),
        random_state=0,
    ).fit(X)


cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    n, d, iters, reps = c["n"], c["d"], c["iters"], c["reps"]
    X = np.array(c["X"]).reshape(n, d)
    fit(c, X, 1)  # warm-up
    t_full, t_one = [], []
    for _ in range(reps):
        t0 = time.perf_counter()
        gm = fit(c, X, iters)
        t_full.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        fit(c, X, 1)
        t_one.append(time.perf_counter() - t0)
    per = sorted((a - b) / (iters - 1) * 1000 for a, b in zip(t_full, t_one))
    q = lambda p: float(per[min(len(per) - 1, int(p * (len(per) - 1)))])
    out.append(
        {
            "d": d,
            "covarianceType": c["covarianceType"],
            "medianMs": q(0.5),
            "q1Ms": q(0.25),
            "q3Ms": q(0.75),
            "reps": reps,
            "lowerBound": float(gm.lower_bound_),
            "blas": blas,
        }
    )
print(json.dumps(out))
