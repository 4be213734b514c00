import { describe, expect, it } from 'vitest';
import { frameworkCompile } from './framework.ts';
import { indexFrameworkSchema, type IndexNodeInput } from './spec.ts';

const fw = (nodes: IndexNodeInput[], weightRule?: 'relative' | 'sumTo1' | 'sumTo100') =>
  indexFrameworkSchema.parse({ nodes, weightRule });

describe('framework checks', () => {
  it('compiles indicators first, then aggregates children-before-parents, with levels', () => {
    const r = frameworkCompile(
      fw([
        { code: 'Index', kind: 'aggregate' },
        { code: 'a', kind: 'indicator', parent: 'D1' },
        { code: 'D1', kind: 'aggregate', parent: 'Index' },
        { code: 'b', kind: 'indicator', parent: 'D2', direction: -1 },
        { code: 'D2', kind: 'aggregate', parent: 'Index', weight: 2 },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.codes).toEqual(['a', 'b', 'D1', 'D2', 'Index']);
    expect(Array.from(r.value.level)).toEqual([1, 1, 2, 2, 3]);
    expect(Array.from(r.value.direction)).toEqual([1, -1]);
    expect(r.value.roots.map((c) => r.value.codes[c])).toEqual(['Index']);
    expect(Array.from(r.value.childWeights[4]!)).toEqual([1, 2]);
  });

  it('cross-cutting sub-indices (alsoIn) make a second root', () => {
    const r = frameworkCompile(
      fw([
        { code: 'a', kind: 'indicator', parent: 'Index', alsoIn: [{ parent: 'Scale', weight: 1 }] },
        { code: 'b', kind: 'indicator', parent: 'Index' },
        { code: 'Index', kind: 'aggregate' },
        { code: 'Scale', kind: 'aggregate' },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.roots.map((c) => r.value.codes[c])).toEqual(['Index', 'Scale']);
  });

  it('reports an unknown parent with its path', () => {
    const r = frameworkCompile(
      fw([
        { code: 'a', kind: 'indicator', parent: 'Nope' },
        { code: 'Index', kind: 'aggregate' },
      ]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toContainEqual(
        expect.objectContaining({ path: 'framework.nodes[0].parent', message: 'unknown parent Nope' }),
      );
  });

  it('reports a cycle with the codes on it', () => {
    const r = frameworkCompile(
      fw([
        { code: 'a', kind: 'indicator', parent: 'X' },
        { code: 'X', kind: 'aggregate', parent: 'Y' },
        { code: 'Y', kind: 'aggregate', parent: 'X' },
      ]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/cycle in the framework: (X → Y → X|Y → X → Y)/);
  });

  it('reports duplicates, indicators used as parents, childless aggregates and orphan indicators', () => {
    const r = frameworkCompile(
      fw([
        { code: 'a', kind: 'indicator', parent: 'Index' },
        { code: 'a', kind: 'indicator', parent: 'Index' },
        { code: 'b', kind: 'indicator', parent: 'a' },
        { code: 'c', kind: 'indicator' },
        { code: 'Index', kind: 'aggregate' },
        { code: 'Empty', kind: 'aggregate', parent: 'Index' },
      ]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const messages = r.errors.map((e) => e.message);
      expect(messages).toContain('duplicate code a');
      expect(messages).toContain('parent a is an indicator; only aggregates have children');
      expect(messages).toContain('indicator c feeds no aggregate (parent missing)');
      expect(messages).toContain('aggregate Empty has no children');
    }
  });

  it('with weightRule sumTo1, weights that do not sum to 1 are an error', () => {
    const nodes: IndexNodeInput[] = [
      { code: 'a', kind: 'indicator', parent: 'Index', weight: 0.5 },
      { code: 'b', kind: 'indicator', parent: 'Index', weight: 0.4 },
      { code: 'Index', kind: 'aggregate' },
    ];
    const r = frameworkCompile(fw(nodes, 'sumTo1'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/sum to 0.9, not 1/);
    expect(frameworkCompile(fw(nodes, 'relative')).ok).toBe(true);
  });
});
