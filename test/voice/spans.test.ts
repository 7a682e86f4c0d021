import { describe, expect, it } from 'vitest';
import { applySpans, mergeSpans, type Span } from '../../src/voice/spans.ts';

const s = (kind: Span['kind'], start: number, end: number): Span => ({ kind, start, end });

describe('merging spans', () => {
  it('makes overlapping spans one, of the widest kind, covering them all', () => {
    expect(mergeSpans([s('name', 3, 8), s('officer', 0, 8)])).toEqual([s('officer', 0, 8)]);
    expect(mergeSpans([s('collar', 5, 12), s('officer', 0, 8)])).toEqual([s('officer', 0, 12)]);
    expect(mergeSpans([s('name', 0, 4), s('phone', 2, 20), s('name', 18, 25)])).toEqual([
      s('phone', 0, 25),
    ]);
  });
  it('keeps spans that only touch apart, sorted, and drops empty ones', () => {
    expect(mergeSpans([s('postcode', 10, 16), s('address', 0, 10), s('name', 4, 4)])).toEqual([
      s('address', 0, 10),
      s('postcode', 10, 16),
    ]);
  });
  it('breaks a tie of width by the order of the kinds (an officer before a name)', () => {
    expect(mergeSpans([s('name', 0, 5), s('officer', 0, 5)])).toEqual([s('officer', 0, 5)]);
  });
  it('replaces each merged span whole by its tag', () => {
    const text = 'call 07700 900123 now';
    expect(applySpans(text, mergeSpans([s('phone', 5, 17)]))).toBe('call [phone] now');
  });
});
