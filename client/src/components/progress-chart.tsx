/**
 * One progress series drawn with uPlot (22 KB gzipped, loaded only when "My progress" opens). The
 * canvas is hidden from screen readers: the table beside it (progress.tsx) carries the same numbers.
 */
import { createEffect, type JSX, onCleanup, onMount } from "solid-js";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  /** Months as x (index 0..n-1) with their labels. */
  readonly labels: readonly string[];
  /** Dollars per month (null: not answered that month). */
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly format: (dollars: number) => string;
}

export function ProgressChart(props: { readonly series: ChartSeries; readonly testId: string }): JSX.Element {
  let box: HTMLDivElement | undefined;
  let plot: uPlot | null = null;
  let disposed = false;

  const draw = async () => {
    const { default: UPlot } = await import("uplot");
    // Each chart in a task of its own (they are drawn one after another once the library has loaded).
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (disposed || box === undefined) return;
    plot?.destroy();
    const s = props.series;
    const width = Math.max(240, box.clientWidth);
    plot = new UPlot(
      {
        width,
        height: 180,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [
          {
            values: (_u, ticks) => ticks.map((i) => s.labels[i] ?? ""),
            space: 60,
            incrs: [1, 2, 3, 6, 12, 24],
          },
          { values: (_u, ticks) => ticks.map((v) => s.format(v)), size: 70 },
        ],
        series: [{}, { stroke: s.color, width: 2, spanGaps: true, points: { show: s.values.length < 40 } }],
      },
      [s.labels.map((_, i) => i), s.values.map((v) => v ?? null)] as uPlot.AlignedData,
      box,
    );
  };

  onMount(() => void draw());
  createEffect(() => {
    void props.series;
    void draw();
  });
  onCleanup(() => {
    disposed = true;
    plot?.destroy();
  });
  return <div class="progress-chart" ref={box} aria-hidden="true" data-testid={props.testId} />;
}
