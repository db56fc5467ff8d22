export function jemallocPath(): string | null;
export function ensureJemalloc(log?: (s: string) => void): string | null;
export function withHubAllocator(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function withoutHubAllocator(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function currentAllocator(): "jemalloc" | "system";
