// One printed benchmark figure, optionally with a peer's figure for the same job (then a ratio is printed).
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  peer?: { name: string; value: number };
}
