/**
 * Special functions. Both come from stdlib-js, which ports the Cephes/FreeBSD algorithms and
 * matches SciPy to about one ulp. mathjs (the project's first choice) has `lgamma` but no
 * digamma, and its `lgamma` was measured at 3.4e-12 relative error at x = 0.5 and 4e-13 at
 * x = 50.5 against `scipy.special.gammaln`, too coarse for estimators we check to 1e-12.
 */
import digammaImpl from '@stdlib/math-base-special-digamma';
import gammalnImpl from '@stdlib/math-base-special-gammaln';

/** ψ(x) = d/dx log Γ(x). @internal */
export const digamma: (x: number) => number = digammaImpl;

/** log |Γ(x)|. @internal */
export const lgamma: (x: number) => number = gammalnImpl;
