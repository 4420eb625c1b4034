/**
 * Property tests (fast-check) run from a fixed seed, so that `npm test` gives the
 * same verdict on every machine and a red CI run can be replayed. To explore new
 * random cases, run `FC_SEED=random npx vitest run`; a failure prints its seed, and
 * `FC_SEED=<seed>` replays it.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed === undefined || seed === '' ? 20261128 : Number(seed) });
