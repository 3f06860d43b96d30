/**
 * Every property in the suite runs from one seed, so a run is reproducible: the default below, or
 * `FC_SEED=<n>` to explore other inputs (fast-check prints the seed and path of any failure).
 * Loaded by vitest.config.ts as a setup file.
 */
import fc from 'fast-check';

/** The seed of every fast-check run (`FC_SEED` overrides it). */
export const FC_SEED = Number(process.env.FC_SEED ?? 20_190_520);

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FC_SEED });
