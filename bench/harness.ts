/**
 * A minimal benchmark harness: warm up, then time `reps` runs and report the median (and the
 * interquartile range). Each benchmark is compared with a baseline timed in the same process, so
 * machine speed cancels out of the reported ratio.
 */
export interface Timing {
  name: string;
  medianMs: number;
  q1Ms: number;
  q3Ms: number;
  reps: number;
}

export function time(name: string, fn: () => unknown, reps = 21, warmup = 3): Timing {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += Number(fn()) || 0;
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    sink += Number(fn()) || 0;
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  if (sink === Number.MIN_VALUE) console.log(''); // keep results alive
  const at = (q: number) => t[Math.min(t.length - 1, Math.floor(q * (t.length - 1)))] as number;
  return { name, medianMs: at(0.5), q1Ms: at(0.25), q3Ms: at(0.75), reps };
}

export function report(title: string, rows: [Timing, Timing][]): void {
  console.log(`\n## ${title}\n`);
  console.log('| benchmark | median (ms) | IQR (ms) | baseline | baseline median (ms) | ratio |');
  console.log('|---|---:|---:|---|---:|---:|');
  for (const [a, b] of rows) {
    console.log(
      `| ${a.name} | ${a.medianMs.toFixed(3)} | ${a.q1Ms.toFixed(3)}–${a.q3Ms.toFixed(3)} | ${b.name} | ${b.medianMs.toFixed(3)} | ${(a.medianMs / b.medianMs).toFixed(2)} |`,
    );
  }
}
