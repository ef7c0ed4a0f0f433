/** Every WebAssembly module of the library, against the limit of synchronous compilation. */
import { describe, expect, it } from 'vitest';
import { DOT_BLOCK_WASM } from '../../src/core/wasm/dotBlock.wasm.js';
import { E_STEP_BLOCK_WASM } from '../../src/gmm/wasm/eStepBlock.wasm.js';
import { RESAMPLE_WASM } from '../../src/simulation/wasm/resample.wasm.js';

describe('WebAssembly module sizes', () => {
  it("stay within Chromium's 4 KiB limit for synchronous compilation on the main thread", () => {
    // Above 4096 bytes `new WebAssembly.Module` throws on a browser's main thread, the library
    // falls back to JavaScript (same results) and the speed-up is silently lost: fail here instead.
    for (const [name, b64] of [
      ['eStepBlock', E_STEP_BLOCK_WASM],
      ['dotBlock', DOT_BLOCK_WASM],
      ['resample', RESAMPLE_WASM],
    ] as const) {
      const bytes = Buffer.from(b64, 'base64').length;
      expect(bytes, name).toBeLessThanOrEqual(4096);
    }
  });
});
