// One ECharts instance in a div: created on mount, redrawn when the option changes, resized with its box
// (the box's layout size: the stage's CSS scale does not change it), disposed on unmount.
import { useEffect, useRef } from 'react';
import { init, type ChartOption, type EChartsType } from './echarts.ts';
import { useScreen } from '../components/context.ts';

export function EChart({
  option,
  className,
  onClick,
  onReady,
}: {
  option: ChartOption | Record<string, unknown>;
  className?: string;
  /** A click on a data item: its name. */
  onClick?: (name: string) => void;
  onReady?: (chart: EChartsType) => void;
}) {
  const { pixelRatio } = useScreen();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: 'canvas', devicePixelRatio: pixelRatio });
    chart.current = c;
    c.on('click', (params) => {
      if (typeof params.name === 'string') click.current?.(params.name);
    });
    ready.current?.(c);
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [pixelRatio]);

  useEffect(() => {
    chart.current?.setOption(option as ChartOption, { notMerge: true });
  }, [option, pixelRatio]);

  return <div ref={box} className={`chart ${className ?? ''}`} />;
}
