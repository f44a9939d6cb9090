// Loading the hand-written WebAssembly SIMD kernels (decode/resample-kernel.wat, nn/conv-kernel.wat):
// each ships as base64 in a generated module, is instantiated at most once per thread, and is
// absent (null) where the runtime lacks WebAssembly SIMD, so its caller falls back to TypeScript.

/** The slice of the WebAssembly API used here (this tsconfig's lib has no DOM, and Node's types lack it). */
interface WasmRuntime {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/** A getter for the kernel's exports: instantiated on first call, then the same object (or null) each time. */
export function lazyWasmKernel<Exports>(base64: string): () => Exports | null {
  let exports: Exports | null | undefined;
  return () => {
    if (exports === undefined) {
      try {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const wasm = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;
        exports = new wasm.Instance(new wasm.Module(bytes)).exports as Exports;
      } catch {
        exports = null;
      }
    }
    return exports;
  };
}
