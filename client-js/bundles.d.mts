import type { BuildOptions } from 'esbuild';

export declare const BUDGET: number;
export declare const esm: BuildOptions & { outfile: string };
export declare const iife: BuildOptions & { outfile: string };
export declare const admin: BuildOptions & { outfile: string };
