import { startBff, startSim } from "./processes.mjs";

export const SEED = 20_240_601;

/**
 * What every suite of one data size shares: the simulator with `size` generated codes and the
 * built BFF in front of it, its cache filled, plus the exact bytes it serves.
 */
export async function startStack(size) {
  const sim = await startSim({ count: size, seed: SEED });
  let bff;
  try {
    bff = await startBff({ simBaseUrl: sim.baseUrl });
    const response = await fetch(`${bff.url}/api/used-codes`);
    if (!response.ok) throw new Error(`BFF /api/used-codes answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const { codes } = JSON.parse(bytes.toString("utf8"));
    if (codes.length !== size) throw new Error(`the BFF served ${codes.length} codes, expected ${size}`);
    return {
      sim,
      bff,
      bytes,
      codes,
      async stop() {
        await bff.stop();
        await sim.stop();
      },
    };
  } catch (error) {
    await bff?.stop();
    await sim.stop();
    throw error;
  }
}
