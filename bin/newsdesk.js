#!/usr/bin/env node
// The `newsdesk` binary: registers the TypeScript loader, then hands over to the composition root.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
