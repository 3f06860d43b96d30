/** The demo campaign's read-model state, built once in memory, for the office-file tests. */
import { createMemoryStore } from '../../adapters/memory/index';
import { createCampaignRegistry } from '../../src/campaign/registry';
import { buildDemo } from '../../src/demo/index';
import { campaignReadModel } from '../../src/readmodels/projection';
import type { ReadModelState } from '../../src/readmodels/state';

/** The state and the last recorded time of the demo. */
export interface DemoState { readonly state: ReadModelState; readonly now: string }

let built: Promise<DemoState> | undefined;

/** Builds the demo once per test file. */
export const demoState = (): Promise<DemoState> => {
  built ??= (async () => {
    const store = createMemoryStore({ registry: createCampaignRegistry() });
    const summary = await buildDemo({ store });
    const p = campaignReadModel({ namespace: summary.namespace });
    let state = p.initialState;
    let now = '';
    for await (const e of store.readAll()) { state = p.apply(state, e); now = e.metadata.recordedAt; }
    return { state, now };
  })();
  return built;
};
