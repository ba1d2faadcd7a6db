#!/usr/bin/env node
import { CliError, parseCliOptions, USAGE } from "./cli-options.js";
import { DEFAULT_SEED, DEMO_API_KEY, startSimulator } from "./start.js";

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const simulator = await startSimulator(options);
  const codes = simulator.control.codes.length;
  const source = options.fixture
    ? `from ${options.fixture}`
    : `generated, seed "${options.seed ?? DEFAULT_SEED}"`;
  // The demo key is public (README); a real-looking key given by the operator is never echoed.
  const key = options.key === undefined ? `demo key "${DEMO_API_KEY}"` : "key from --key";
  console.log(`DigiCert simulator on ${simulator.baseUrl} (${codes} codes ${source}; ${key})`);
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(`digicert-sim: ${error.message}\n\n${USAGE}`);
  } else {
    console.error(`digicert-sim: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(2);
});
