import { describe, expect, it } from 'vitest';
import { stageFit, stageLayoutFor, stagePixelRatio, STAGE_WIDTH, ULTRA_ASPECT } from './stage.ts';

describe('stageFit', () => {
  it('is 1 with no bars when the viewport is the stage', () => {
    expect(stageFit(1920, 1080, 1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
  });

  it('halves a 1920×1080 stage on a 960×540 window', () => {
    expect(stageFit(960, 540, 1920, 1080)).toEqual({ scale: 0.5, left: 0, top: 0 });
  });

  it('letterboxes a 16:9 stage on a 4:3 screen: bars above and below', () => {
    const fit = stageFit(1024, 768, 1920, 1080);
    expect(fit.scale).toBeCloseTo(1024 / 1920);
    expect(fit.left).toBe(0);
    expect(fit.top).toBeCloseTo((768 - 1080 * (1024 / 1920)) / 2);
  });

  it('pillarboxes on a viewport wider than the stage: bars left and right', () => {
    const fit = stageFit(2560, 1080, 1920, 1080);
    expect(fit.scale).toBe(1);
    expect(fit.left).toBe(320);
    expect(fit.top).toBe(0);
  });

  it('enlarges on a 4K panel', () => {
    expect(stageFit(3840, 2160, 1920, 1080).scale).toBe(2);
  });

  it('never scales by zero or divides by zero on a collapsed window', () => {
    expect(stageFit(0, 0, 1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
  });
});

describe('stageLayoutFor', () => {
  it('keeps 16:9 and 16:10 screens standard', () => {
    expect(stageLayoutFor(1920, 1080, null)).toBe('standard');
    expect(stageLayoutFor(1280, 800, null)).toBe('standard');
  });

  it('switches to the wide layout at an aspect ratio of 3:1', () => {
    expect(stageLayoutFor(2999, 1000, null)).toBe('standard');
    expect(stageLayoutFor(3000, 1000, null)).toBe('wide');
    expect(stageLayoutFor(3840, 1080, null)).toBe('wide');
  });

  it('takes the 5760 stage for a three-screen wall', () => {
    expect(stageLayoutFor(5760, 1080, null)).toBe('ultra');
    expect(ULTRA_ASPECT).toBeGreaterThan(3840 / 1080);
    expect(ULTRA_ASPECT).toBeLessThan(5760 / 1080);
  });

  it('obeys ?wide=: 1 forces a wide stage, 2 and 3 pick one, 0 forces standard', () => {
    expect(stageLayoutFor(1920, 1080, '1')).toBe('wide');
    expect(stageLayoutFor(5760, 1080, '1')).toBe('ultra');
    expect(stageLayoutFor(1920, 1080, '3')).toBe('ultra');
    expect(stageLayoutFor(5760, 1080, '2')).toBe('wide');
    expect(stageLayoutFor(3840, 1080, '0')).toBe('standard');
  });

  it('names stage widths that are whole screens', () => {
    expect(STAGE_WIDTH).toEqual({ standard: 1920, wide: 3840, ultra: 5760 });
  });
});

describe('stagePixelRatio', () => {
  it('draws charts at device resolution on an enlarged stage', () => {
    expect(stagePixelRatio(1, 2)).toBe(2);
    expect(stagePixelRatio(1, 1.1)).toBe(1.25);
  });

  it('does not go below the device ratio on a shrunken stage, nor above 4', () => {
    expect(stagePixelRatio(2, 0.5)).toBe(2);
    expect(stagePixelRatio(3, 3)).toBe(4);
  });
});
