/**
 * The statistics charts (Apache ECharts, only the parts used: bar and line charts, grid, tooltip, legend, aria, the
 * canvas renderer). Loaded as its own chunk when a statistics page first shows a chart, so the public home and the
 * login page never download it. Each chart has an aria description; the page shows the same figures as a table.
 */
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  values: number[];
  kind?: 'bar' | 'line';
  /** On the right axis (e.g. money beside counts). */
  right?: boolean;
}

export interface StatsChartProps {
  categories: string[];
  series: ChartSeries[];
  /** Bars laid horizontally (many categories, e.g. 31 provinces). */
  horizontal?: boolean;
  height?: number;
  ariaLabel: string;
  testId?: string;
}

const COLORS = ['#b0261b', '#1f5fa8', '#d48806', '#389e0d'];

export default function StatsChart({ categories, series, horizontal, height, ariaLabel, testId }: StatsChartProps) {
  const twoAxes = series.some((s) => s.right);
  const valueAxis = (right: boolean) => ({ type: 'value' as const, position: right ? 'right' : undefined });
  const categoryAxis = { type: 'category' as const, data: categories, inverse: horizontal };
  const option = {
    color: COLORS,
    aria: { enabled: true, label: { description: ariaLabel } },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis(false) : categoryAxis,
    yAxis: horizontal ? categoryAxis : twoAxes ? [valueAxis(false), valueAxis(true)] : valueAxis(false),
    series: series.map((s) => ({
      name: s.name,
      type: s.kind ?? 'bar',
      data: s.values,
      yAxisIndex: !horizontal && twoAxes && s.right ? 1 : 0,
    })),
  };
  return (
    <div role="img" aria-label={ariaLabel} data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: height ?? (horizontal ? Math.max(240, categories.length * 26 + 60) : 320) }}
      />
    </div>
  );
}
