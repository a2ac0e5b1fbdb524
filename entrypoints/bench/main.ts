import { openDb } from '@/lib/db/schema';
import { createBenchApi } from './page';

// Bench-only page (never in the shipped build: wxt.config.ts drops it outside `--mode bench`).
// `?frame`: a bare same-origin frame for the tap measurement (entrypoints/bench/tap.ts).
if (location.search !== '?frame') window.bench = createBenchApi(openDb());
