/** Trace pieces shared by builders: JSON-safe number arrays and shaded bands. */
import { BAND_OPACITY, withAlpha, type Trace } from './style.js';

/**
 * A plain array for plotly JSON: typed arrays would serialize as objects, and NaN (not valid JSON) becomes null,
 * which plotly draws as a gap.
 */
export function jsonNumbers(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/**
 * A band between `lower` and `upper`: an invisible lower edge, then the upper edge filled down to it ('tonexty').
 * Both share the series' legend group, so hiding the series hides its band.
 */
export function bandTraces(x: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>, color: string, group: string, hoverLabel: string): Trace[] {
  const edge = { type: 'scatter', mode: 'lines', x: jsonNumbers(x), line: { width: 0, color }, legendgroup: group, showlegend: false };
  return [
    { ...edge, y: jsonNumbers(lower), hoverinfo: 'skip', name: `${hoverLabel} lower` },
    { ...edge, y: jsonNumbers(upper), fill: 'tonexty', fillcolor: withAlpha(color, BAND_OPACITY), hoverinfo: 'skip', name: `${hoverLabel} upper` },
  ];
}
