// Types of source-stamp.js (plain JavaScript: bin/ runs before any TypeScript tooling).
export declare const STAMP_FILE: string;
export declare function newestMtime(dir: string, above?: number): number;
export declare function readStamp(outDir: string): { sourceMtimeMs: number } | null;
export declare function distIsFresh(outDir: string, srcDir: string): boolean;
