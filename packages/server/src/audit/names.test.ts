import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from './names.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Every dotted action literal in an `action:` property of the server's sources (a ternary gives two), and
 * every `entity:` literal — what `auditAppend` and `repos.audit.append` are called with.
 */
function audited(): { actions: Map<string, string>; entities: Map<string, string> } {
  const actions = new Map<string, string>();
  const entities = new Map<string, string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction:\s*([^,]*?'[a-z_]+(?:\.[a-z_]+)+'[^,]*?),\s*(?:\n|\w|})/g))
      for (const lit of m[1]!.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) actions.set(lit[1]!, file);
    for (const m of text.matchAll(/\bentity:\s*'([a-z_]+)'/g)) entities.set(m[1]!, file);
  }
  return { actions, entities };
}

describe('audit names', () => {
  const { actions, entities } = audited();

  it('finds the actions the server audits (the scan itself works)', () => {
    expect(actions.size).toBeGreaterThanOrEqual(30);
    expect([...actions.keys()]).toEqual(
      expect.arrayContaining([
        'observation.publish',
        'submission.return',
        'supervision.close',
        'cup.evidence.reject',
      ]),
    );
  });

  it('names every action the server audits, in Chinese and English', () => {
    const unnamed = [...actions].filter(([a]) => !(a in AUDIT_ACTIONS)).map(([a, file]) => `${a} (${file})`);
    expect(unnamed).toEqual([]);
    for (const name of Object.values(AUDIT_ACTIONS)) {
      expect(name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(name.en).toMatch(/^[A-Z]/);
    }
  });

  it('names no action the server no longer audits', () => {
    expect(Object.keys(AUDIT_ACTIONS).filter((a) => !actions.has(a))).toEqual([]);
  });

  it('names every kind of object the server audits', () => {
    expect([...entities.keys()].filter((e) => !(e in AUDIT_ENTITIES))).toEqual([]);
    expect(Object.keys(AUDIT_ENTITIES).filter((e) => !entities.has(e))).toEqual([]);
  });
});
