// Student's t distribution: CDF and quantile, for any real degrees of freedom > 0 (Welch's df is
// not an integer). Built on the regularized incomplete beta function evaluated by its continued
// fraction with the modified Lentz method (Press et al., Numerical Recipes, 3rd ed., §6.4),
// and a safeguarded Newton root finder for the quantile.

const LANCZOS_G = 7;
// Lanczos (1964) coefficients for g = 7, n = 9 (as in Godfrey's table); relative error ~1e-15.
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** Natural logarithm of the gamma function for x > 0 (Lanczos 1964 approximation). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be positive, got ${x}`);
  if (x < 0.5) {
    // Reflection formula Γ(x)Γ(1 − x) = π / sin(πx) keeps the small-x region accurate.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) series += LANCZOS_COEFFICIENTS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  // ln Γ(z + 1) = ½ ln 2π + (z + ½) ln t − t + ln A_g(z) (Lanczos 1964).
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

function logBeta(a: number, b: number): number {
  // B(a, b) = Γ(a)Γ(b)/Γ(a + b).
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const CF_MAX_ITERATIONS = 100_000;
const CF_EPSILON = 1e-16;
const CF_TINY = 1e-300;

// Continued fraction for I_x(a, b), evaluated with the modified Lentz method (Numerical Recipes §6.4).
function continuedFractionBeta(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPSILON) return h;
  }
  throw new Error(`continuedFractionBeta: no convergence for a=${a}, b=${b}, x=${x}`);
}

/**
 * Regularized incomplete beta function I_x(a, b) (R's `pbeta(x, a, b)`).
 * `oneMinusX` may be passed when 1 − x is known more precisely than by subtraction.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, oneMinusX = 1 - x): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`regularizedIncompleteBeta: a and b must be positive`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (oneMinusX === 0) return 1;
  // Prefactor x^a (1 − x)^b / B(a, b) (Numerical Recipes eq. 6.4.5).
  const logFront = a * Math.log(x) + b * Math.log(oneMinusX) - logBeta(a, b);
  // The continued fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use
  // I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * continuedFractionBeta(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * continuedFractionBeta(b, a, oneMinusX)) / b;
}

function assertDf(df: number): void {
  if (!(df > 0 && Number.isFinite(df)))
    throw new RangeError(`Student t: df must be positive and finite, got ${df}`);
}

// Upper tail P(T > t) for t ≥ 0: ½ I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1).
function upperTail(t: number, df: number): number {
  const t2 = t * t;
  if (t2 === Infinity) return 0;
  const x = df / (df + t2);
  const oneMinusX = t2 / (df + t2);
  return 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5, oneMinusX);
}

/** Student t cumulative distribution function P(T ≤ t) with `df` degrees of freedom (R's `pt`). */
export function studentTCdf(t: number, df: number): number {
  assertDf(df);
  if (Number.isNaN(t)) return Number.NaN;
  return t < 0 ? upperTail(-t, df) : 1 - upperTail(t, df);
}

/** Student t density with `df` degrees of freedom (R's `dt`). */
export function studentTDensity(t: number, df: number): number {
  assertDf(df);
  // f(t) = (1 + t²/ν)^(−(ν+1)/2) / (√ν B(ν/2, ½)) (Student 1908).
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5));
}

/**
 * Student t quantile: the t with P(T ≤ t) = p (R's `qt(p, df)`), for any real df > 0.
 * Solves upper tail = min(p, 1 − p) for t ≥ 0 by Newton steps kept inside a bisection bracket.
 */
export function studentTQuantile(p: number, df: number): number {
  assertDf(df);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const tail = p < 0.5 ? p : 1 - p;

  // Bracket [lo, hi] with upperTail(lo) ≥ tail ≥ upperTail(hi); upperTail is decreasing in t.
  let lo = 0;
  let hi = 1;
  while (upperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) throw new Error(`studentTQuantile: cannot bracket p=${p}, df=${df}`);
  }

  let t = (lo + hi) / 2;
  for (let iteration = 0; iteration < 500; iteration++) {
    const f = upperTail(t, df) - tail;
    if (f === 0) break;
    if (f > 0) lo = t;
    else hi = t;
    // f'(t) = −density(t), so the Newton step is t + f/density.
    const density = studentTDensity(t, df);
    let next = t + f / density;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.abs(next) || hi - lo <= 1e-15 * hi) {
      t = next;
      break;
    }
    t = next;
  }
  return p < 0.5 ? -t : t;
}
