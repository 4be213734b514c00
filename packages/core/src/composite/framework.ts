// Checks an index framework (unknown parents, cycles, childless aggregates, weight sums) and compiles
// it into flat typed arrays: indicators first, then aggregates children-before-parents, so every stage
// can run as one pass over columns.
import type { Result } from '../types.ts';
import type { IndexFramework, IndexNode } from './spec.ts';

/** A located problem in an index's inputs: a file and row/column when known, a spec path otherwise. */
export interface IndexError {
  file?: string;
  /** 1-based line in the file, the header being line 1. */
  row?: number;
  column?: string;
  /** Where in a spec, e.g. 'framework.nodes[3].parent'. */
  path?: string;
  /** The indicator, aggregate or unit concerned. */
  code?: string;
  message: string;
}

export interface CompiledFramework {
  /** Nodes in column order: indicators (input order), then aggregates by level. */
  readonly nodes: readonly IndexNode[];
  readonly codes: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly nIndicators: number;
  /** 1 for indicators; an aggregate is one above its highest child. */
  readonly level: Int32Array;
  readonly maxLevel: number;
  /** Polarity of each indicator (first nIndicators entries), 1 or −1. */
  readonly direction: Int8Array;
  /** For each column: the columns it aggregates (empty for indicators) and their weights as written. */
  readonly children: readonly Int32Array[];
  readonly childWeights: readonly Float64Array[];
  /** For each column: the aggregates it feeds (column indices). */
  readonly parents: readonly Int32Array[];
  /** Aggregate columns that feed nothing — the index and any separate sub-index — highest level first. */
  readonly roots: readonly number[];
  readonly weightRule: IndexFramework['weightRule'];
}

interface Edge {
  child: number; // position in framework.nodes
  parent: string;
  weight: number;
  path: string;
}

/** Validate and compile; errors carry `path` = framework.nodes[i]… and the node's index in `node`. */
export function frameworkCompile(
  framework: IndexFramework,
): Result<CompiledFramework, IndexError & { node?: number }> {
  const errors: (IndexError & { node?: number })[] = [];
  const nodes = framework.nodes;
  const byCode = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (byCode.has(n.code)) {
      errors.push({
        path: `framework.nodes[${i}].code`,
        node: i,
        code: n.code,
        message: `duplicate code ${n.code}`,
      });
    } else byCode.set(n.code, i);
  });

  const edges: Edge[] = [];
  nodes.forEach((n, i) => {
    if (n.parent !== undefined)
      edges.push({ child: i, parent: n.parent, weight: n.weight, path: `framework.nodes[${i}].parent` });
    (n.alsoIn ?? []).forEach((a, k) =>
      edges.push({
        child: i,
        parent: a.parent,
        weight: a.weight,
        path: `framework.nodes[${i}].alsoIn[${k}].parent`,
      }),
    );
  });

  const childrenOf = new Map<number, Edge[]>();
  for (const e of edges) {
    const p = byCode.get(e.parent);
    const child = nodes[e.child]!;
    if (p === undefined) {
      errors.push({ path: e.path, node: e.child, code: child.code, message: `unknown parent ${e.parent}` });
      continue;
    }
    if (nodes[p]!.kind !== 'aggregate') {
      errors.push({
        path: e.path,
        node: e.child,
        code: child.code,
        message: `parent ${e.parent} is an indicator; only aggregates have children`,
      });
      continue;
    }
    if (p === e.child) {
      errors.push({
        path: e.path,
        node: e.child,
        code: child.code,
        message: `${child.code} is its own parent`,
      });
      continue;
    }
    const list = childrenOf.get(p) ?? [];
    if (list.some((x) => x.child === e.child)) {
      errors.push({
        path: e.path,
        node: e.child,
        code: child.code,
        message: `${child.code} feeds ${e.parent} twice`,
      });
      continue;
    }
    list.push(e);
    childrenOf.set(p, list);
  }

  nodes.forEach((n, i) => {
    if (n.kind === 'aggregate' && !childrenOf.has(i)) {
      errors.push({
        path: `framework.nodes[${i}]`,
        node: i,
        code: n.code,
        message: `aggregate ${n.code} has no children`,
      });
    }
    if (n.kind === 'indicator' && n.parent === undefined && (n.alsoIn ?? []).length === 0) {
      errors.push({
        path: `framework.nodes[${i}].parent`,
        node: i,
        code: n.code,
        message: `indicator ${n.code} feeds no aggregate (parent missing)`,
      });
    }
  });

  if (framework.weightRule !== 'relative') {
    const want = framework.weightRule === 'sumTo1' ? 1 : 100;
    for (const [p, list] of childrenOf) {
      const sum = list.reduce((s, e) => s + e.weight, 0);
      if (Math.abs(sum - want) > 1e-9 * want) {
        errors.push({
          path: `framework.nodes[${p}]`,
          node: p,
          code: nodes[p]!.code,
          message: `weights of the children of ${nodes[p]!.code} sum to ${sum}, not ${want} (weightRule ${framework.weightRule})`,
        });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  // Levels by depth-first search, which also finds cycles (a node met again while still on the stack).
  const level = new Int32Array(nodes.length);
  const state = new Uint8Array(nodes.length); // 0 new, 1 on stack, 2 done
  const cycle: number[] = [];
  const visit = (i: number, stack: number[]): boolean => {
    if (state[i] === 2) return true;
    if (state[i] === 1) {
      cycle.push(...stack.slice(stack.indexOf(i)), i);
      return false;
    }
    state[i] = 1;
    stack.push(i);
    let lv = 1;
    for (const e of childrenOf.get(i) ?? []) {
      if (!visit(e.child, stack)) return false;
      lv = Math.max(lv, level[e.child]! + 1);
    }
    stack.pop();
    state[i] = 2;
    level[i] = lv;
    return true;
  };
  for (let i = 0; i < nodes.length; i++) {
    if (!visit(i, [])) {
      const first = cycle[0]!;
      return {
        ok: false,
        errors: [
          {
            path: `framework.nodes[${first}].parent`,
            node: first,
            code: nodes[first]!.code,
            message: `cycle in the framework: ${cycle.map((k) => nodes[k]!.code).join(' → ')}`,
          },
        ],
      };
    }
  }

  // Column order: indicators as given, then aggregates by level (stable within a level).
  const order: number[] = [];
  nodes.forEach((n, i) => n.kind === 'indicator' && order.push(i));
  const nIndicators = order.length;
  const aggs = nodes.map((n, i) => i).filter((i) => nodes[i]!.kind === 'aggregate');
  aggs.sort((a, b) => level[a]! - level[b]! || a - b);
  order.push(...aggs);
  const col = new Map<number, number>();
  order.forEach((nodeIdx, c) => col.set(nodeIdx, c));

  const compiledNodes = order.map((i) => nodes[i]!);
  const codes = compiledNodes.map((n) => n.code);
  const indexOf = new Map(codes.map((c, k) => [c, k] as const));
  const lv = Int32Array.from(order.map((i) => level[i]!));
  const direction = Int8Array.from(compiledNodes.slice(0, nIndicators).map((n) => n.direction));
  const children: Int32Array[] = [];
  const childWeights: Float64Array[] = [];
  const parentsOf: number[][] = order.map(() => []);
  order.forEach((nodeIdx, c) => {
    const list = childrenOf.get(nodeIdx) ?? [];
    children.push(Int32Array.from(list.map((e) => col.get(e.child)!)));
    childWeights.push(Float64Array.from(list.map((e) => e.weight)));
    for (const e of list) parentsOf[col.get(e.child)!]!.push(c);
  });
  // Roots, highest level first: the overall index before any separate sub-index.
  const roots: number[] = [];
  for (let c = nIndicators; c < order.length; c++) if (parentsOf[c]!.length === 0) roots.push(c);
  roots.sort((a, b) => lv[b]! - lv[a]! || a - b);

  return {
    ok: true,
    value: {
      nodes: compiledNodes,
      codes,
      indexOf,
      nIndicators,
      level: lv,
      maxLevel: Math.max(...lv),
      direction,
      children,
      childWeights,
      parents: parentsOf.map((p) => Int32Array.from(p)),
      roots,
      weightRule: framework.weightRule,
    },
  };
}

/** Codes of the aggregates, lowest level first (the columns `ding index` writes). */
export function frameworkAggregateCodes(fw: CompiledFramework): string[] {
  return fw.codes.slice(fw.nIndicators);
}
