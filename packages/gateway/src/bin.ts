#!/usr/bin/env node
// The package's own binary: `mangokit-gateway --port 8080 --data-dir ./data --forward-to http://crm/hook`.
// Its options are `mangokit gateway`'s (one table, cliOptions.ts); messages follow the locale.
import { parseArgs } from 'node:util';
import { languageFromEnv } from 'mangokit/protocol';
import {
  GATEWAY_CLI_OPTIONS,
  GATEWAY_CLI_TEXT,
  GatewayCliError,
  gatewayOptionsFrom,
  gatewayOptionsHelp,
  optionValue,
} from './cliOptions.js';
import { startGateway } from './gateway.js';

const env = process.env;
const lang = languageFromEnv(env);
const parseOptions: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
  help: { type: 'boolean', short: 'h' },
};
for (const [name, spec] of Object.entries(GATEWAY_CLI_OPTIONS)) {
  parseOptions[name] = {
    type: spec.type,
    ...('short' in spec ? { short: spec.short } : {}),
    ...('multiple' in spec ? { multiple: true } : {}),
  };
}
let values: ReturnType<typeof parseArgs>['values'];
try {
  values = parseArgs({ options: parseOptions }).values;
} catch (err) {
  console.error(`mangokit-gateway: ${(err as Error).message}`);
  process.exit(2);
}
if (values.help) {
  console.log(
    `${GATEWAY_CLI_TEXT.usage[lang]}\n\n${GATEWAY_CLI_TEXT.options[lang]}:\n${gatewayOptionsHelp(lang)}`,
  );
  process.exit(0);
}
try {
  const options = gatewayOptionsFrom(values, env);
  const gateway = await startGateway({
    ...options,
    apiKey: optionValue(values, env, 'api-key'),
    apiSalt: optionValue(values, env, 'api-salt'),
  });
  console.log(`${GATEWAY_CLI_TEXT.listening[lang]} ${gateway.url}`);
  const stop = () => {
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (err) {
  if (err instanceof GatewayCliError) {
    console.error(`mangokit-gateway: ${err.text[lang]}`);
    process.exit(2);
  }
  console.error(`mangokit-gateway: ${(err as Error).message}`);
  process.exit(1);
}
