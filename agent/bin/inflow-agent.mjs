#!/usr/bin/env node
// Runs the agent's TypeScript sources directly through tsx (the workspace ships no build).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
