"""The Python baseline of bench/simulation.ts: the paper's GMM simulation (Gan & Liu, App. B,
Figure 4) under the published protocol, reimplemented with what the authors used (NumPy,
scikit-learn's GaussianMixture, SciPy's entropy), to time it on this machine. The authors'
script itself is not available; this follows the protocol as /work/shared/paper/THEORY.md and
infobound's klGap describe it, step for step.

One repetition of a setting (K, J, L), d = 2:
  1. Truth G: K + J equal-weight Gaussians, means uniform in [0, 10)^2, covariances
     A·Aᵀ/2 + 0.1·I with A uniform on [0, 1)^{2×2} (symmetric positive definite, as infobound;
     the authors used A·Bᵀ, which is not a covariance; the cost is the same).
  2. Anchor data: 50 points from each of G's first K components.
  3. Generator M: K + J + L equal-weight components: each anchor group's sample mean and
     np.cov + 1e-6·I, G's J unsampled components, L random components drawn like G's.
  4. Synthetic data: 200 points from M.
  5. Fits: GaussianMixture(n_components=K) to the anchor data and
     GaussianMixture(n_components=K+J+L) to the synthetic data, scikit-learn's defaults
     otherwise (full covariances, k-means initialisation, n_init 1, max_iter 100, tol 1e-3).
  6. 100 resamples of: 1000 points from G, 1000 from each fit (GaussianMixture.sample), and
     KL(fit ‖ G) for both fits by the histogram estimator: np.histogramdd(bins=50, density=True)
     of each sample with its own edges, np.clip(h, 1e-10, None).ravel(), scipy.stats.entropy(p, q).
     The KL function bins both of its samples, as a plain implementation does, so G's sample is
     binned once per KL (twice per resample).
  The gap of the repetition is mean KL(anchor fit ‖ G) − mean KL(gen fit ‖ G).

Sampling from G and M mirrors GaussianMixture.sample (multinomial counts, then
np.random.multivariate_normal per component). All randomness comes from NumPy's global
RandomState (scikit-learn's default random_state=None uses it too), seeded with seed + rep at
the start of repetition rep, so every round repeats the same work and the rounds' times differ
only by the machine's noise. Thread settings are left at their defaults, as the authors would
have run it, and reported in the output.

Usage:
  python3 bench/compare/simulation.py --settings 2,2,2 15,2,2 --repetitions 5
      [--resamples 100] [--rounds 1] [--seed 0]
  python3 bench/compare/simulation.py --figure4      (the full published run: 42 settings × 100)
Prints JSON: the environment, and per setting the seconds of each repetition in each round and
each repetition's KL Gap. Run by bench/simulation.ts when /usr/bin/python3 has scikit-learn;
never by the tests.
"""
import argparse
import json
import os
import platform
import sys
import time
import warnings

import numpy as np
import scipy
import sklearn
from scipy.stats import entropy
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

D = 2
MEAN_RANGE = 10.0
COVARIANCE_FLOOR = 0.1
ANCHOR_PER_COMPONENT = 50
ANCHOR_RIDGE = 1e-6
N_SYNTHETIC = 200
RESAMPLE_SIZE = 1000
BINS = 50
DENSITY_FLOOR = 1e-10

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def random_component():
    mean = np.random.rand(D) * MEAN_RANGE
    A = np.random.rand(D, D)
    return mean, A @ A.T / D + COVARIANCE_FLOOR * np.eye(D)


def sample_mixture(components, n):
    """n draws from the equal-weight mixture of (mean, cov) components, as GaussianMixture.sample."""
    k = len(components)
    counts = np.random.multinomial(n, np.full(k, 1.0 / k))
    return np.vstack(
        [np.random.multivariate_normal(m, c, int(j)) for (m, c), j in zip(components, counts)]
    )


def histogram_kl(p_samples, q_samples):
    """The published KL estimate: per-sample-edge 50-bin histograms, clipped, SciPy's entropy."""
    p, _ = np.histogramdd(p_samples, bins=BINS, density=True)
    q, _ = np.histogramdd(q_samples, bins=BINS, density=True)
    p = np.clip(p, DENSITY_FLOOR, None).ravel()
    q = np.clip(q, DENSITY_FLOOR, None).ravel()
    return entropy(p, q)


def repetition(K, J, L, resamples):
    G = [random_component() for _ in range(K + J)]
    groups = [np.random.multivariate_normal(m, c, ANCHOR_PER_COMPONENT) for m, c in G[:K]]
    anchor = np.vstack(groups)
    M = (
        [(X.mean(axis=0), np.cov(X, rowvar=False) + ANCHOR_RIDGE * np.eye(D)) for X in groups]
        + G[K:]
        + [random_component() for _ in range(L)]
    )
    synthetic = sample_mixture(M, N_SYNTHETIC)
    anchor_fit = GaussianMixture(n_components=K).fit(anchor)
    gen_fit = GaussianMixture(n_components=K + J + L).fit(synthetic)
    kl_anchor = kl_gen = 0.0
    for _ in range(resamples):
        XT = sample_mixture(G, RESAMPLE_SIZE)
        XA, _ = anchor_fit.sample(RESAMPLE_SIZE)
        XG, _ = gen_fit.sample(RESAMPLE_SIZE)
        kl_anchor += histogram_kl(XA, XT)
        kl_gen += histogram_kl(XG, XT)
    return kl_anchor / resamples - kl_gen / resamples


def environment():
    try:
        from threadpoolctl import threadpool_info

        pools = [
            f"{i.get('internal_api')} ({i.get('num_threads')} threads)" for i in threadpool_info()
        ]
    except Exception:  # threadpoolctl missing: say so rather than guess
        pools = ["unknown"]
    env = {
        k: os.environ[k]
        for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
        if k in os.environ
    }
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "threadpools": pools,
        "threadEnv": env,
    }


def setting(text):
    parts = [int(v) for v in text.split(",")]
    if len(parts) != 3 or parts[0] < 1 or parts[1] < 0 or parts[2] < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected K,J,L with K >= 1 and J, L >= 0")
    return tuple(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--settings", type=setting, nargs="+", help="(K,J,L) settings, e.g. 2,2,2")
    ap.add_argument("--figure4", action="store_true", help="the 42 settings of Figure 4")
    ap.add_argument("--repetitions", type=int, default=100)
    ap.add_argument("--resamples", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=1, help="times to repeat the same work")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    settings = list(a.settings or [])
    if a.figure4:
        for sweep in range(3):
            for v in range(2, 16):
                s = [2, 2, 2]
                s[sweep] = v
                settings.append(tuple(s))
    if not settings:
        ap.error("give --settings or --figure4")

    repetition(2, 2, 2, 1)  # warm-up: first-call costs (lazy imports, caches) are not timed
    out = [
        {"K": K, "J": J, "L": L, "seconds": [], "gaps": []} for K, J, L in settings
    ]
    start = time.perf_counter()
    for _ in range(a.rounds):
        for o in out:
            secs, gaps = [], []
            for rep in range(a.repetitions):
                np.random.seed(a.seed + rep)
                t0 = time.perf_counter()
                gaps.append(float(repetition(o["K"], o["J"], o["L"], a.resamples)))
                secs.append(time.perf_counter() - t0)
            o["seconds"].append(secs)
            o["gaps"] = gaps
    print(
        json.dumps(
            {
                **environment(),
                "repetitions": a.repetitions,
                "resamples": a.resamples,
                "rounds": a.rounds,
                "totalSeconds": time.perf_counter() - start,
                "settings": out,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
