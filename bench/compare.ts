/**
 * Runs the Python reference benchmarks in bench/compare/ on the same data as ours, when a Python
 * with NumPy, SciPy and scikit-learn is available (set PYTHON, or /usr/bin/python3 / python3 is
 * tried). Skipped with a note otherwise: the comparison is optional, never required.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findPython(): string | undefined {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(
    Boolean,
  ) as string[];
  for (const py of candidates) {
    try {
      execFileSync(py, ['-c', 'import numpy, scipy, sklearn'], { stdio: 'ignore' });
      return py;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Writes `cases` to a temporary JSON file and runs `bench/compare/<script>` on it. */
export function runPython<T>(script: string, cases: unknown): T | undefined {
  const py = findPython();
  if (!py) {
    console.log(
      `\n(bench/compare/${script} skipped: no Python with NumPy, SciPy and scikit-learn)`,
    );
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'infobound-bench-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const out = execFileSync(py, [join('bench', 'compare', script), file], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    return JSON.parse(out) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
