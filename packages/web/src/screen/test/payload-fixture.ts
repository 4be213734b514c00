// Test-only: a city screen payload built from the contract's types (@ding/core ScreenPayload), with factories
// to vary one part at a time. Not imported by the app.
import type {
  ScreenAlert,
  ScreenCard,
  ScreenPayload,
  ScreenPeerRow,
  ScreenRankingRow,
  ScreenTile,
  ScreenTrend,
} from '@ding/core';

const PERIOD = '2025Q3';

export function buildCard(overrides: Partial<ScreenCard> = {}): ScreenCard {
  const indicator = overrides.indicator ?? 'hightech_enterprises';
  const region = overrides.region ?? '330282';
  return {
    indicator,
    name: { zh: '有效高新技术企业数', en: 'Valid high-tech enterprises' },
    unit: '家',
    decimals: 0,
    region,
    value: 1284,
    target: 1550,
    completion: 82.8,
    expected: 1450,
    expectedShare: 93.5,
    yoy: { change: 29.2, kind: 'percent' },
    status: 'behind',
    trace: { indicator, region, period: PERIOD },
    synthetic: true,
    targetRule: 'explicit',
    finalTarget: { value: 1750, year: 2026 },
    rank: { rank: 2, of: 10, peerSet: 'ningbo' },
    latest: null,
    ...overrides,
  };
}

export function buildTile(overrides: Partial<ScreenTile> & { region: string }): ScreenTile {
  return {
    name: { zh: overrides.region, en: overrides.region },
    col: 0,
    row: 0,
    value: 1,
    rank: 1,
    of: 3,
    ...overrides,
  };
}

const TOWNS: [string, string, number, number][] = [
  ['330282121', '周巷镇', 0, 2],
  ['330282004', '浒山街道', 3, 2],
  ['330282123', '龙山镇', 7, 2],
];

export function buildTiles(): ScreenTile[] {
  return TOWNS.map(([region, zh, col, row], i) =>
    buildTile({ region, name: { zh, en: region }, col, row, value: 10 - i, rank: i + 1, of: TOWNS.length }),
  );
}

export function buildRanking(metric: string): ScreenRankingRow[] {
  return TOWNS.map(([region, zh], i) => ({
    region,
    name: { zh, en: region },
    value: 10 - i,
    rank: i + 1,
    of: TOWNS.length,
    trace: metric === 'index' ? null : { indicator: metric, region, period: PERIOD },
  }));
}

export function buildTrend(overrides: Partial<ScreenTrend> = {}): ScreenTrend {
  return {
    indicator: 'hightech_enterprises',
    region: '330282',
    regionName: { zh: '慈溪市', en: 'Cixi' },
    points: [
      { year: 2022, actual: 800, target: 800 },
      { year: 2023, actual: 900, target: 950 },
      { year: 2024, actual: 994, target: 1100 },
      { year: 2025, actual: null, target: 1550 },
      { year: 2026, actual: null, target: 1750 },
    ],
    ...overrides,
  };
}

export function buildPeer(overrides: Partial<ScreenPeerRow> = {}): ScreenPeerRow {
  return {
    indicator: 'rd_gdp_ratio',
    name: { zh: '全社会R&D经费投入占GDP比重', en: 'R&D / GDP' },
    unit: '%',
    category: 'level',
    value: 4.18,
    rank: 3,
    of: 10,
    goal: 'above_average',
    average: 3.81,
    averageRule: 'reference_region',
    met: true,
    period: '2024',
    trace: { indicator: 'rd_gdp_ratio', region: '330282', period: '2024' },
    decimals: 2,
    averageTrace: { indicator: 'rd_gdp_ratio', region: '330200', period: '2024' },
    ...overrides,
  };
}

export function buildAlert(overrides: Partial<ScreenAlert> = {}): ScreenAlert {
  return {
    indicator: 'hightech_investment_growth',
    name: { zh: '高新技术产业投资增速', en: 'Growth of high-tech investment' },
    region: '330282-SJ',
    regionName: { zh: '市级', en: 'City level' },
    status: 'behind',
    value: 3.6,
    expected: 7.5,
    requiredGrowth: null,
    trace: { indicator: 'hightech_investment_growth', region: '330282-SJ', period: PERIOD },
    gapToExpected: -3.9,
    gapRelative: -52,
    target: 7.5,
    unit: '%',
    decimals: 1,
    ...overrides,
  };
}

export function buildScreenPayload(overrides: Partial<ScreenPayload> = {}): ScreenPayload {
  const metrics = ['hightech_enterprises', 'index'];
  return {
    kind: 'city',
    region: '330282',
    regionName: { zh: '慈溪市', en: 'Cixi' },
    period: PERIOD,
    publishedAt: '2025-10-15T02:03:00.000Z',
    synthetic: true,
    cards: [buildCard()],
    trends: [
      buildTrend(),
      buildTrend({ region: '330282-SJ', regionName: { zh: '市级', en: 'City level' } }),
      buildTrend({ region: '330282-QW', regionName: { zh: '前湾新区', en: 'Qianwan' } }),
    ],
    mapMetrics: [
      { key: 'hightech_enterprises', name: { zh: '有效高新技术企业数', en: 'Valid high-tech enterprises' } },
      { key: 'index', name: { zh: '科技创新指数', en: 'S&T innovation index' } },
    ],
    tiles: Object.fromEntries(metrics.map((m) => [m, buildTiles()])),
    ranking: Object.fromEntries(metrics.map((m) => [m, buildRanking(m)])),
    peers: [buildPeer()],
    alerts: [buildAlert()],
    index: TOWNS.map(([region, zh], i) => ({
      region,
      name: { zh, en: region },
      score: 80 - i,
      rank: i + 1,
      change: 1,
    })),
    ...overrides,
  };
}
