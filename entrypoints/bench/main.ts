import { openDb } from '@/lib/db/schema';
import { createBenchApi } from './page';

// Bench-only page (never in the shipped build: wxt.config.ts drops it outside `--mode bench`).
window.bench = createBenchApi(openDb());
