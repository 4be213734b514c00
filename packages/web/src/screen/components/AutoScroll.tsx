// A list taller than its panel scrolls itself one row at a time, wrapping to the top; a pointer over it pauses it.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function AutoScroll({
  rowHeight,
  intervalMs = 3000,
  className,
  children,
}: {
  rowHeight: number;
  intervalMs?: number;
  className?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = window.setInterval(() => {
      const el = box.current;
      if (!el) return;
      const max = el.scrollHeight - el.clientHeight;
      if (max <= 1) return;
      const next = el.scrollTop >= max - 1 ? 0 : Math.min(max, el.scrollTop + rowHeight);
      el.scrollTo({ top: next, behavior: next === 0 ? 'auto' : 'smooth' });
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [paused, rowHeight, intervalMs]);
  return (
    <div
      ref={box}
      className={`autoscroll ${className ?? ''}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
    >
      {children}
    </div>
  );
}
