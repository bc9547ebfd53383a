/**
 * libuv sizes its thread pool once, on first use, from UV_THREADPOOL_SIZE. Its default of 4
 * serialises the data plane's fsyncs (each several ms on a real disk), so the server asks for 16.
 * Imported first by `main.ts`; the start scripts set the variable too, because a loader (tsx)
 * may touch the pool before any of our modules run.
 */
process.env.UV_THREADPOOL_SIZE ??= '16';

export {};
