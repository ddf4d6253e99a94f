// The live charts: one uPlot per figure group, fed from the columns /admin/api/stats returns.
// The page keeps the same five minutes the server keeps, appending what each poll brings.
import uPlot from 'uplot';

/** One chart: its title, unit and the stats columns it draws. */
interface ChartSpec {
  title: string;
  unit: string;
  series: { column: string; label: string; stroke: string }[];
}

const SPECS: ChartSpec[] = [
  { title: 'Connections and subscriptions', unit: '', series: [
    { column: 'connections', label: 'connections', stroke: '#2f5bd3' },
    { column: 'subscriptions', label: 'subscriptions', stroke: '#d97a1e' },
  ] },
  { title: 'Frames per second', unit: '/s', series: [
    { column: 'framesInPerSecond', label: 'in (from clients)', stroke: '#2f5bd3' },
    { column: 'framesOutPerSecond', label: 'out (to clients)', stroke: '#2e9d5b' },
  ] },
  { title: 'Publish to deliver', unit: ' ms', series: [
    { column: 'deliverP50Ms', label: 'p50', stroke: '#2f5bd3' },
    { column: 'deliverP99Ms', label: 'p99', stroke: '#b3261e' },
  ] },
  { title: 'Login sessions per minute', unit: '/min', series: [
    { column: 'loginsCreatedPerMinute', label: 'created', stroke: '#2f5bd3' },
    { column: 'loginsScannedPerMinute', label: 'scanned', stroke: '#d97a1e' },
    { column: 'loginsConfirmedPerMinute', label: 'confirmed', stroke: '#2e9d5b' },
    { column: 'loginsExpiredPerMinute', label: 'expired', stroke: '#8a93a6' },
  ] },
  { title: 'Event-loop lag', unit: ' ms', series: [
    { column: 'eventLoopLagMs', label: 'lag', stroke: '#b3261e' },
  ] },
];

/** Samples the page keeps: as many as the server's ring. */
const KEEP = 300;

export class Charts {
  private readonly columns = new Map<string, (number | null)[]>();
  private readonly plots: { spec: ChartSpec; plot: uPlot; now: HTMLElement }[] = [];
  /** The time of the newest sample held, for the next poll's `since`. */
  last = 0;

  constructor(host: HTMLElement) {
    this.columns.set('t', []);
    for (const spec of SPECS) {
      for (const s of spec.series) this.columns.set(s.column, []);
      const box = document.createElement('div');
      box.className = 'chart';
      const title = document.createElement('h3');
      title.textContent = spec.title;
      // The newest values in words beside the title: readable at a glance, and by the browser tests.
      const now = document.createElement('span');
      now.className = 'now muted';
      title.append(' ', now);
      box.append(title);
      host.append(box);
      const plot = new uPlot({
        width: 420,
        height: 170,
        series: [
          {},
          ...spec.series.map((s) => ({
            label: s.label,
            stroke: s.stroke,
            width: 2,
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : round(v) + spec.unit),
          })),
        ],
        axes: [{}, { size: 56 }],
        // The legend names each line in its colour; the newest values are beside the title.
        legend: { live: false },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      }, this.data(spec), box);
      this.plots.push({ spec, plot, now });
    }
  }

  /** Appends the columns of one stats answer and redraws. */
  append(samples: Record<string, (number | null)[]>): void {
    const t = samples.t as number[];
    if (!t || t.length === 0) return;
    for (const [name, held] of this.columns) {
      const fresh = name === 't' ? t.map((ms) => ms / 1000) : samples[name] || t.map(() => null);
      held.push(...fresh);
      if (held.length > KEEP) held.splice(0, held.length - KEEP);
    }
    this.last = t[t.length - 1];
    for (const { spec, plot, now } of this.plots) {
      plot.setData(this.data(spec));
      now.textContent = spec.series.map((s) => {
        const column = this.columns.get(s.column)!;
        const v = column[column.length - 1];
        return `${s.label} ${v === null || v === undefined ? '–' : round(v) + spec.unit}`;
      }).join(' · ');
    }
  }

  private data(spec: ChartSpec): uPlot.AlignedData {
    return [
      this.columns.get('t') as number[],
      ...spec.series.map((s) => this.columns.get(s.column) as (number | null)[]),
    ];
  }
}

function round(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}
