// Types for build-wasm.mjs (imported by the kernel's test).
export declare const KERNELS: readonly string[];
export declare function wasmModuleSource(watPath: string, watText: string): Promise<string>;
export declare function generatedPathFor(watPath: string): string;
