#!/usr/bin/env node
// The `ding` command. Sources are TypeScript, run through tsx so that no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
